/* Self-modifying code: instructions rewritten after they were executed (so decoded) run in their
   new form, whether the writer is in the same page, the same block, another page, or writes
   through a second virtual address of the same frame. */
#include "sys.inc"

.set X, 0x15000000		/* code page, user, writable, executable */
.set V, 0x15001000		/* alias of X's frame: writable, no-execute */
.set VX, 0x15002000		/* alias of X's frame: read-only, executable */

	.text
	.globl _start
_start:
	/* rewritten by code in the same page */
	call same_page
	CHECK 1, r12, 1
	CHECK 2, rax, 2

	/* the instruction right after the store, in the same block, twice */
	mov edi, 7
	call next_insn
	CHECK 3, rax, 7
	mov edi, 9
	call next_insn
	CHECK 4, rax, 9

	/* an immediate rewritten on every iteration of a loop */
	call loop_smc
	CHECK 5, rax, 5050

	/* rewritten by code in another page (this one) */
	call f6
	CHECK 6, rax, 1
	mov dword ptr [rip + f6 + 1], 6
	call f6
	CHECK 7, rax, 6

	/* a function replaced by a longer instruction sequence */
	call f8
	CHECK 8, rax, 1
	lea rsi, [rip + f8_new]
	lea rdi, [rip + f8]
	mov ecx, f8_new_end - f8_new
	rep movsb
	call f8
	CHECK 9, rax, 3

	/* an instruction straddling two pages, patched in its second page */
	call f10
	mov r8, 0x44332211
	CHECK 10, rax, r8
	mov byte ptr [rip + f10_page2], 0x99
	call f10
	mov r8, 0x44992211
	CHECK 11, rax, r8

	/* through aliases: X and VX execute the frame, V writes it */
	SYS SYS_MAP, X, PERM_U|PERM_W
	mov r8, 0x8000000000000006
	SYS SYS_ALIAS, V, X, r8
	SYS SYS_ALIAS, VX, X, PERM_U
	mov dword ptr [X], 0x000001b8		/* mov eax, 1; ret */
	mov word ptr [X + 4], 0xc300
	mov rbx, X
	call rbx
	CHECK 12, rax, 1
	mov r13, VX
	call r13
	CHECK 13, rax, 1
	mov byte ptr [V + 1], 2
	call rbx
	CHECK 14, rax, 2
	call r13
	CHECK 15, rax, 2
	mov byte ptr [V + 1], 3
	call r13
	CHECK 16, rax, 3
	call rbx
	CHECK 17, rax, 3

	/* the kernel writes new code into the frame (as when it loads a page): the next call runs it */
	lea r8, [rip + ret_five]
	SYS SYS_COPY, X, r8, 6
	call rbx
	CHECK 18, rax, 5
	call r13
	CHECK 19, rax, 5
	EXIT_OK

	.section .rodata
ret_five:
	mov eax, 5
	ret
f8_new:
	xor eax, eax
	inc eax
	inc eax
	inc eax
	ret
f8_new_end:

	.section .wtext, "awx"
f1:	mov eax, 1
	ret

same_page:
	call f1
	mov r12, rax
	mov dword ptr [rip + f1 + 1], 2
	call f1
	ret

next_insn:
	mov byte ptr [rip + 1f + 1], dil
1:	mov al, 0
	movzx eax, al
	ret

loop_smc:
	mov ecx, 100
	xor r8d, r8d
2:	mov dword ptr [rip + 1f + 1], ecx
1:	mov eax, 0
	add r8, rax
	dec ecx
	jnz 2b
	mov rax, r8
	ret

f6:	mov eax, 1
	ret

f8:	mov eax, 1
	ret
	.skip 16, 0xcc

	.org 0xffd, 0x90
f10:	mov eax, 0x44332211		/* b8 at 0xffd, immediate at 0xffe..0x1001 */
	ret
	.set f10_page2, f10 + 3
