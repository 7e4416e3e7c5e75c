/* Accesses straddling a page boundary: every page is translated before anything is written, CR2
   names the first byte that cannot be accessed, and a restart completes the whole access. */
#include "sys.inc"

.set X, 0x12000000		/* mapped, user, writable */
.set Y, 0x12001000		/* X's neighbour, not mapped until MAP mode maps it */
.set Z, 0x12003000		/* not mapped */
.set W2, 0x12004000		/* mapped, user, writable (Z's upper neighbour) */
.set RO, 0x12005000		/* mapped, user, read-only (W2's upper neighbour) */

	.text
	.globl _start
_start:
	SYS SYS_MAP, X, PERM_U|PERM_W
	SYS SYS_MAP, W2, PERM_U|PERM_W
	SYS SYS_MAP, RO, PERM_U
	mov qword ptr [X + 0xff8], -1
	mov qword ptr [W2 + 0xff8], -1
	mov rbx, rsp
	FAULT_MODE MODE_RESUME, 1f
	mov rax, 0x1122334455667788

	/* a store whose second page is missing: CR2 = start of that page, nothing written */
st_cross: mov qword ptr [X + 0xffc], rax
	MUST_FAULT
1:	CHECK_FAULT 10, 14, 6, Y, st_cross
	CHECKM 14, X+0xff8, -1

	/* a load whose second page is missing: the destination keeps its value */
	FAULT_MODE MODE_RESUME, 1f
	mov rax, 0x1122334455667788
	mov rcx, rax
ld_cross: mov rax, qword ptr [X + 0xffd]
	MUST_FAULT
1:	CHECK_FAULT 20, 14, 4, Y, ld_cross
	CHECK 24, rax, rcx

	/* the first page is missing: CR2 is the access address itself, the second page untouched */
	FAULT_MODE MODE_RESUME, 1f
st_first: mov qword ptr [Z + 0xffe], -2
	MUST_FAULT
1:	CHECK_FAULT 30, 14, 6, Z+0xffe, st_first
	CHECKM 34, W2, 0

	/* a push straddling the boundary, upper page missing: rsp unchanged, lower page untouched */
	FAULT_MODE MODE_RESUME, 1f
	mov rsp, Y + 4
push_cross: push rbx
	MUST_FAULT
1:	mov r10, rsp
	mov rsp, rbx
	CHECK_FAULT 40, 14, 6, Y, push_cross
	CHECK 44, r10, Y+4
	CHECKM 45, X+0xff8, -1

	/* read-modify-write into a read-only second page: P|W|U at its start, first page untouched */
	FAULT_MODE MODE_RESUME, 1f
rmw_cross: add qword ptr [W2 + 0xffc], 1
	MUST_FAULT
1:	CHECK_FAULT 50, 14, 7, RO, rmw_cross
	CHECKM 54, W2+0xff8, -1
	CHECKM 55, RO, 0

	/* MAP mode: the kernel maps the second page and the restarted store writes both halves */
	FAULT_MODE MODE_MAP
	mov rax, 0x1122334455667788
st_restart: mov qword ptr [X + 0xffc], rax
	CHECKM 60, X+0xffc, rax
	mov r8, 0x55667788ffffffff
	CHECKM 61, X+0xff8, r8
	CHECKM 62, Y, 0x11223344
	mov r10, rsp
	CHECK 63, r10, rbx
	EXIT_OK
