/* A negative control for the harness: one failing self-check, then a fault in KILL mode. */
#include "sys.inc"

	.text
	.globl _start
_start:
	CHECK 1, 1, 1
	CHECK 2, 1, 2
killed:	mov rax, qword ptr [0x17000000]
	EXIT_OK
