/* One entry stub per interrupt vector, and the common entry path.
   Each stub pushes a zero error code where the CPU pushes none, then the
   vector number, and jumps to intr_entry, which saves the rest of a
   struct intr_frame (see intr.h), calls intr_handler (frame) and
   returns with iretq. */

#include "layout.h"

	.altmacro

	.section .text
intr_entry:
	pushq $0
	movw %ds, (%rsp)
	pushq $0
	movw %es, (%rsp)
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rbp
	pushq %rdi
	pushq %rsi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movw $SEL_KDSEG, %ax
	movw %ax, %ds
	movw %ax, %es
	movq %rsp, %rdi
	movabsq $intr_handler, %rax
	call *%rax
	.globl intr_exit
intr_exit:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rsi
	popq %rdi
	popq %rbp
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	movw (%rsp), %es
	movw 8(%rsp), %ds
	addq $32, %rsp                  /* es, ds, vec_no, error_code */
	iretq

/* STUB vec, has_error_code */
	.macro STUB vec, err
	.section .text
intr_stub_\vec:
	.if \err == 0
	pushq $0
	.endif
	pushq $\vec
	jmp intr_entry
	.section .rodata
	.quad intr_stub_\vec
	.endm

	.section .rodata
	.p2align 3
	.globl intr_stubs
intr_stubs:
	.set vec, 0
	.rept 256
	/* CPU error codes: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX */
	.if vec == 8 || vec == 10 || vec == 11 || vec == 12 || vec == 13 || vec == 14 || vec == 17 || vec == 21 || vec == 29 || vec == 30
	STUB %vec, 1
	.else
	STUB %vec, 0
	.endif
	.set vec, vec + 1
	.endr
