/* Protection faults (P=1) and fetch faults, checked by the program through RESUME mode, then
   restarts after the kernel grants the access (GRANT mode). */
#include "sys.inc"

.set RO, 0x11000000		/* user, read-only */
.set KP, 0x11001000		/* supervisor, writable */
.set NXP, 0x11002000		/* user, writable, no-execute */
.set NOPE, 0x11003000		/* never mapped */
.set RO2, 0x11004000		/* user, read-only; GRANT makes it writable */
.set XC, 0x11005000		/* user, writable, executable; XC + 0x1000 not mapped at first */

	.text
	.globl _start
_start:
	SYS SYS_MAP, RO, PERM_U
	SYS SYS_MAP, KP, PERM_W
	mov rsi, 0x8000000000000006
	SYS SYS_MAP, NXP, rsi
	SYS SYS_MAP, RO2, PERM_U
	/* NXP holds "mov eax, 99; ret" */
	mov dword ptr [NXP], 0x000063b8
	mov word ptr [NXP + 4], 0xc300
	mov rbx, rsp

	/* write to a read-only user page: P|W|U */
	FAULT_MODE MODE_RESUME, 1f
	mov eax, 0xabcd
wr_ro:	mov dword ptr [RO + 0x40], eax
	MUST_FAULT
1:	CHECK_FAULT 10, 14, 7, RO+0x40, wr_ro
	mov r10, rsp
	CHECK 14, r10, rbx
	CHECK 15, rax, 0xabcd
	CHECKM 16, RO+0x40, 0

	/* write to the program's own code page (r-x) */
	FAULT_MODE MODE_RESUME, 1f
wr_code: mov byte ptr [rip + _start], 0x90
	MUST_FAULT
1:	lea r10, [rip + _start]
	CHECK_FAULT 20, 14, 7, r10, wr_code

	/* user read and write of a supervisor page: P|U and P|W|U */
	FAULT_MODE MODE_RESUME, 1f
	mov eax, 0xabcd
rd_kp:	mov rax, qword ptr [KP + 8]
	MUST_FAULT
1:	CHECK_FAULT 30, 14, 5, KP+8, rd_kp
	CHECK 34, rax, 0xabcd
	FAULT_MODE MODE_RESUME, 1f
wr_kp:	mov qword ptr [KP + 16], rax
	MUST_FAULT
1:	CHECK_FAULT 40, 14, 7, KP+16, wr_kp

	/* reading the NX page is fine; fetching from it is P|U|I, with rip on the target and the
	   call's return address already pushed */
	mov r8, 0xc300000063b8
	CHECKM 50, NXP, r8
	FAULT_MODE MODE_RESUME, 1f
	mov rax, NXP
call_nx: call rax
ret_nx:	MUST_FAULT
1:	CHECK_FAULT_AT 51, 14, 0x15, NXP, NXP
	lea r8, [rbx - 8]
	CHECKM 55, fault_rec+REC_RSP, r8
	lea r8, [rip + ret_nx]
	CHECKM 56, rbx-8, r8
	mov rsp, rbx

	/* fetch from a not-present page: U|I only */
	FAULT_MODE MODE_RESUME, 1f
	mov rax, NOPE
jmp_np:	jmp rax
	MUST_FAULT
1:	CHECK_FAULT_AT 60, 14, 0x14, NOPE, NOPE
	CHECKM 64, fault_rec+REC_RSP, rbx

	/* fetch from a supervisor page: P|U|I */
	FAULT_MODE MODE_RESUME, 1f
	mov rax, KP + 0x20
	jmp rax
	MUST_FAULT
1:	CHECK_FAULT_AT 70, 14, 0x15, KP+0x20, KP+0x20

	/* an instruction whose last bytes lie on a not-present page: CR2 is that page's start, rip
	   the instruction's first byte, and the instruction before it has completed */
	SYS SYS_MAP, XC, PERM_U|PERM_W
	mov dword ptr [XC + 0xffc], 0x2211b890	/* nop; mov eax, 0x44332211 (continued) */
	FAULT_MODE MODE_RESUME, 1f
	mov rax, XC + 0xffc
	call rax
	MUST_FAULT
1:	CHECK_FAULT_AT 90, 14, 0x14, XC+0x1000, XC+0xffd
	mov rsp, rbx
	SYS SYS_MAP, XC + 0x1000, PERM_U|PERM_W
	mov word ptr [XC + 0x1000], 0x4433
	mov byte ptr [XC + 0x1002], 0xc3
	mov rax, XC + 0xffc
	call rax
	mov r8, 0x44332211
	CHECK 94, rax, r8

	/* GRANT: the kernel fixes the entry, executes INVLPG, and the instruction completes */
	FAULT_MODE MODE_GRANT
grant_wr: mov dword ptr [RO2 + 8], 0x77
	CHECKM 80, RO2+8, 0x77
	SYS SYS_PTE, RO2
	and eax, PERM_W | PERM_U
	CHECK 81, rax, PERM_W | PERM_U
	mov rax, NXP
grant_nx: call rax
	CHECK 82, rax, 99
grant_kp: mov rax, qword ptr [KP + 8]
	CHECK 83, rax, 0
	mov r10, rsp
	CHECK 84, r10, rbx

	EXIT_OK
