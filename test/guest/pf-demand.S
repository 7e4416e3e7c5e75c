/* Not-present page faults in MAP mode: the kernel maps a zeroed page at CR2 and the faulting
   instruction restarts and completes. Each faulting instruction has a label the test looks up. */
#include "sys.inc"

.set LAZY, 0x10000000		/* nothing is mapped here until it faults */
.set STK, 0x20000000		/* top of an unmapped stack area */

	.text
	.globl _start
_start:
	FAULT_MODE MODE_MAP

	/* a load: rax is overwritten with the zero from the fresh page only once it completes */
	mov rax, 0x5a5a5a5a5a5a5a5a
read_np:
	mov rax, qword ptr [LAZY + 0x128]
	CHECK 1, rax, 0

	/* a store of an immediate, after an increment in the same block: the increment happens once */
	xor r14d, r14d
	inc r14
write_np:
	mov qword ptr [LAZY + 0x1008], 0x1234567
	CHECKM 2, LAZY+0x1008, 0x1234567
	CHECK 13, r14, 1

	/* read-modify-write: a single fault, reported as a write */
	mov rcx, LAZY + 0x2000
rmw_np:
	add qword ptr [rcx + 0x10], 5
	CHECKM 3, LAZY+0x2010, 5

	/* push onto an unmapped stack page: rsp is unchanged at the fault, then the push completes */
	mov rbx, rsp
	mov rsp, STK
	mov rax, 0x1122334455667788
push_np:
	push rax
	mov rdx, rsp
	mov rsi, qword ptr [rsp]
	mov rsp, rbx
	mov r8, STK - 8
	CHECK 4, rdx, r8
	CHECK 5, rsi, rax

	/* pop from an unmapped stack page: a read fault, rsp unchanged, then the pop completes */
	mov rsp, STK + 0x1000
	mov rax, -1
pop_np:	pop rax
	mov rdx, rsp
	mov rsp, rbx
	CHECK 14, rax, 0
	mov r8, STK + 0x1008
	CHECK 15, rdx, r8

	/* call with the return address going to an unmapped page */
	mov rsp, STK - 0x1000
call_np:
	call callee
after_call:
	mov rsp, rbx
	lea r8, [rip + after_call]
	CHECK 6, rcx, r8
	CHECK 7, rax, 77

	/* rep stosq over two unmapped pages: one fault per page, the store resumes where it stopped */
	lea rdi, [LAZY + 0x3000]
	mov ecx, 1024
	mov rax, 0x0101010101010101
stos_np:
	rep stosq
	CHECK 8, rcx, 0
	mov r8, LAZY + 0x5000
	CHECK 9, rdi, r8
	CHECKM 10, LAZY+0x3000, rax
	CHECKM 11, LAZY+0x4ff8, rax

	/* a load that now hits the mapped page does not fault again */
	CHECKM 12, LAZY+0x1008, 0x1234567
	EXIT_OK

callee:
	mov rcx, qword ptr [rsp]
	mov eax, 77
	ret
