/* soft_int_thunks[i], for i = 0 ... 0xcf, is a function that loads its
   argument into %rax, executes "int $(0x30 + i)" and returns %rax, so
   C code can raise every software vector from 0x30 to 0xff. */

	.altmacro
	.macro THUNK vec
	.section .text
soft_int_\vec:
	movq %rdi, %rax
	int $\vec
	ret
	.section .rodata
	.quad soft_int_\vec
	.endm

	.section .rodata
	.p2align 3
	.globl soft_int_thunks
soft_int_thunks:
	.set vec, 0x30
	.rept 0x100 - 0x30
	THUNK %vec
	.set vec, vec + 1
	.endr
