/* The other exceptions a user program can raise: divide errors, invalid opcodes, and software
   interrupts, which the kernel records before execution continues after them. */
#include "sys.inc"

	.text
	.globl _start
_start:
	/* division by zero: rax and rdx unchanged */
	FAULT_MODE MODE_RESUME, 1f
	mov eax, 100
	mov edx, 7
	xor ecx, ecx
div_zero: div rcx
	MUST_FAULT
1:	CHECK_FAULT 1, 0, -1, -1, div_zero
	CHECK 5, rax, 100
	CHECK 6, rdx, 7

	/* quotient too large for 64 bits */
	FAULT_MODE MODE_RESUME, 1f
	mov edx, 1
	xor eax, eax
	mov ecx, 1
div_big: div rcx
	MUST_FAULT
1:	CHECK_FAULT 10, 0, -1, -1, div_big

	/* the most negative quotient of idiv overflows too */
	FAULT_MODE MODE_RESUME, 1f
	mov rax, 0x8000000000000000
	cqo
	mov rcx, -1
idiv_big: idiv rcx
	MUST_FAULT
1:	CHECK_FAULT 20, 0, -1, -1, idiv_big

	/* an 8-bit quotient of 0x100 */
	FAULT_MODE MODE_RESUME, 1f
	mov eax, 0x1000
	mov cl, 0x10
div_byte: div cl
	MUST_FAULT
1:	CHECK_FAULT 30, 0, -1, -1, div_byte
	CHECK 34, rax, 0x1000

	/* ud2, and a byte that is no instruction in 64-bit mode (push es) */
	FAULT_MODE MODE_RESUME, 1f
ud_two:	ud2
	MUST_FAULT
1:	lea r10, [rip + ud_two]
	CHECK_FAULT 40, 6, -1, r10, ud_two
	FAULT_MODE MODE_RESUME, 1f
ud_es:	.byte 0x06
	MUST_FAULT
1:	lea r10, [rip + ud_es]
	CHECK_FAULT 50, 6, -1, r10, ud_es

	/* non-canonical addresses: #GP(0) on the instruction, for a jump target and a data access */
	FAULT_MODE MODE_RESUME, 1f
	mov rax, 0x0000800000000000
gp_jmp:	jmp rax
	MUST_FAULT
1:	CHECK_FAULT 70, 13, 0, -1, gp_jmp
	FAULT_MODE MODE_RESUME, 1f
	mov rax, 0xffff000000000000
gp_load: mov rcx, qword ptr [rax]
	MUST_FAULT
1:	CHECK_FAULT 80, 13, 0, -1, gp_load

	/* software interrupts return right after the instruction, registers intact */
	FAULT_MODE MODE_KILL
	mov eax, 0x4242
	int 0x42
after_int42:
	CHECK 60, rax, 0x4242
	int3
after_int3:
	CHECKM 61, fault_rec+REC_COUNT, 8
	EXIT_OK
