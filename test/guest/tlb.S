/* TLB invalidation: after the kernel edits an entry without INVLPG the old translation (frame and
   permissions) stays in use; INVLPG drops one page's translations, a CR3 reload drops them all. */
#include "sys.inc"

.set TA, 0x14000000
.set TB, 0x14001000
.set TC, 0x14002000
.set TD, 0x14003000		/* code */
.set TE, 0x14004000		/* other code */

	.text
	.globl _start
_start:
	SYS SYS_MAP, TA, PERM_U|PERM_W
	SYS SYS_MAP, TB, PERM_U|PERM_W
	SYS SYS_MAP, TC, PERM_U|PERM_W
	mov qword ptr [TA], 0xaaaa
	mov qword ptr [TB], 0xbbbb
	mov qword ptr [TC], 0xcccc
	CHECKM 1, TA, 0xaaaa

	/* TA now maps TB's frame, without INVLPG: reads and writes still reach the old frame */
	SYS SYS_ALIAS, TA, TB, PERM_U|PERM_W
	CHECKM 2, TA, 0xaaaa
	mov qword ptr [TA + 8], 0x1111
	CHECKM 3, TB+8, 0

	/* after INVLPG TA shows TB's frame, for reads and writes */
	SYS SYS_INVLPG, TA
	CHECKM 4, TA, 0xbbbb
	CHECKM 5, TA+8, 0
	mov qword ptr [TA + 16], 0x2222
	CHECKM 6, TB+16, 0x2222

	/* a CR3 reload drops every translation */
	SYS SYS_ALIAS, TA, TC, PERM_U|PERM_W
	SYS SYS_ALIAS, TB, TC, PERM_U|PERM_W
	CHECKM 7, TA, 0xbbbb
	CHECKM 8, TB, 0xbbbb
	SYS SYS_RELOAD_CR3
	CHECKM 9, TA, 0xcccc
	CHECKM 10, TB, 0xcccc

	/* write-protecting without INVLPG: the cached writable translation still allows writes */
	mov qword ptr [TC + 8], 4
	SYS SYS_PROTECT, TC, 0, PERM_W
	mov qword ptr [TC + 8], 5
	CHECKM 11, TC+8, 5
	SYS SYS_INVLPG, TC
	FAULT_MODE MODE_RESUME, 1f
wp_fault: mov qword ptr [TC + 8], 6
	MUST_FAULT
1:	CHECK_FAULT 12, 14, 7, TC+8, wp_fault
	CHECKM 16, TC+8, 5

	/* clearing P without INVLPG: the cached translation still reads; after INVLPG it faults */
	SYS SYS_PROTECT, TB, 0, 1
	CHECKM 17, TB, 0xcccc
	SYS SYS_INVLPG, TB
	FAULT_MODE MODE_RESUME, 1f
np_fault: mov rcx, qword ptr [TB]
	MUST_FAULT
1:	CHECK_FAULT 18, 14, 4, TB, np_fault

	/* instruction fetches too: TD runs its old code until INVLPG */
	SYS SYS_MAP, TD, PERM_U|PERM_W
	SYS SYS_MAP, TE, PERM_U|PERM_W
	mov dword ptr [TD], 0x000001b8		/* mov eax, 1; ret */
	mov word ptr [TD + 4], 0xc300
	mov dword ptr [TE], 0x000002b8		/* mov eax, 2; ret */
	mov word ptr [TE + 4], 0xc300
	mov r12, rsp
	mov rbx, TD
	call rbx
	CHECK 22, rax, 1
	SYS SYS_ALIAS, TD, TE, PERM_U
	call rbx
	CHECK 23, rax, 1
	SYS SYS_INVLPG, TD
	call rbx
	CHECK 24, rax, 2

	/* decoded code does not outlive its translation: NX, then not present, after INVLPG */
	mov r8, 0x8000000000000000
	SYS SYS_PROTECT, TD, r8, 0
	call rbx
	CHECK 25, rax, 2
	SYS SYS_INVLPG, TD
	FAULT_MODE MODE_RESUME, 1f
	call rbx
	MUST_FAULT
1:	mov rsp, r12
	CHECK_FAULT_AT 26, 14, 0x15, TD, TD
	SYS SYS_PROTECT, TD, 0, 1
	mov r8, 0x8000000000000000
	SYS SYS_PROTECT, TD, 0, r8
	SYS SYS_INVLPG, TD
	FAULT_MODE MODE_RESUME, 1f
	call rbx
	MUST_FAULT
1:	mov rsp, r12
	CHECK_FAULT_AT 30, 14, 0x14, TD, TD
	EXIT_OK
