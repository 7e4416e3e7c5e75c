/* Accessed and dirty bits of the leaf entry, read back through the PTE call. A translation the
   TLB holds is used without a walk, so it does not set A or D again after the kernel cleared them;
   INVLPG or a CR3 reload makes the next access walk and set them. */
#include "sys.inc"

.set P1, 0x13000000		/* data page */
.set P2, 0x13001000		/* code page */
.set P3, 0x13002000		/* read-only page */

/* Checks that the A and D bits of va's leaf entry are `bits`, as check `id`. */
.macro CHECK_AD id, va, bits
	SYS SYS_PTE, \va
	and eax, PTE_A | PTE_D
	CHECK \id, rax, \bits
.endm

	.text
	.globl _start
_start:
	SYS SYS_MAP, P1, PERM_U|PERM_W
	CHECK_AD 1, P1, 0
ad_read: mov rcx, qword ptr [P1]
	CHECK_AD 2, P1, PTE_A
ad_write: mov qword ptr [P1 + 8], rcx
	CHECK_AD 3, P1, PTE_A|PTE_D

	/* the kernel clears A and D without INVLPG: the cached read and write translations are used */
	SYS SYS_PROTECT, P1, 0, PTE_A|PTE_D
	and eax, PTE_A | PTE_D
	CHECK 4, rax, PTE_A|PTE_D
	mov rcx, qword ptr [P1]
	mov qword ptr [P1 + 8], rcx
	CHECK_AD 5, P1, 0

	/* after INVLPG a read walks and sets A only; the first write walks again and sets D */
	SYS SYS_INVLPG, P1
	mov rcx, qword ptr [P1]
	CHECK_AD 6, P1, PTE_A
	mov qword ptr [P1 + 8], rcx
	CHECK_AD 7, P1, PTE_A|PTE_D

	/* clearing only D without INVLPG: the cached write translation leaves it clear */
	SYS SYS_PROTECT, P1, 0, PTE_D
	mov qword ptr [P1], rcx
	CHECK_AD 8, P1, PTE_A

	/* a CR3 reload flushes everything: the next write sets D again */
	SYS SYS_RELOAD_CR3
	mov qword ptr [P1], rcx
	CHECK_AD 9, P1, PTE_A|PTE_D

	/* an instruction fetch sets A but never D */
	SYS SYS_MAP, P2, PERM_U|PERM_W
	mov byte ptr [P2], 0xc3
	SYS SYS_PROTECT, P2, 0, PTE_A|PTE_D
	SYS SYS_INVLPG, P2
	CHECK_AD 10, P2, 0
	mov rax, P2
	call rax
	CHECK_AD 11, P2, PTE_A

	/* a write that faults on a read-only page does not set D */
	SYS SYS_MAP, P3, PERM_U
	FAULT_MODE MODE_RESUME, 1f
ad_fault: mov qword ptr [P3], rcx
	MUST_FAULT
1:	CHECK_FAULT 12, 14, 7, P3, ad_fault
	SYS SYS_PTE, P3
	and eax, PTE_D
	CHECK 16, rax, 0
	EXIT_OK
