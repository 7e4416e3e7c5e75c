/* The test kernel's user program, run in ring 3 with rdi = argc and
   rsi = argv.  System calls use the syscall instruction with the
   Pintos-KAIST convention (number in rax, arguments in rdi, rsi, rdx).

   It first raises "int $0x42" (a gate open to ring 3).  Without
   arguments it then checks lazily loaded data, touches two BSS pages,
   grows its stack by two pages, has the kernel swap a BSS page out and
   checks it after the swap-in, and exits with 0.  With an argument it
   writes to address 0x10 and is killed. */

#define SYS_EXIT 1
#define SYS_WRITE 10
#define SYS_SYSTEST_EVICT 100
#define PATTERN 0x5a17c3e9d2b48f61

/* WRITE label: write (1, label, label_len) */
	.macro WRITE msg
	movq $SYS_WRITE, %rax
	movq $1, %rdi
	leaq \msg(%rip), %rsi
	movq $\msg\()_len, %rdx
	syscall
	.endm

	.section .text
	.globl _start
_start:
	movq %rdi, %r12
	movq %rsi, %r13
	WRITE hello
	int $0x42                       /* DPL-3 gate: stack switch to rsp0 */
	cmpq $2, %r12
	jae fault_path

	/* Initialized data, loaded from the file on first touch. */
	movq data_word(%rip), %rax
	movabsq $0x0123456789abcdef, %rbx
	cmpq %rbx, %rax
	jne fail
	WRITE data_ok

	/* BSS page 0: reads as zero, then filled with a pattern. */
	leaq bss_page0(%rip), %rdi
	cmpq $0, (%rdi)
	jne fail
	movabsq $PATTERN, %rax
	movq $512, %rcx
1:	movq %rax, (%rdi)
	addq $8, %rdi
	rolq $7, %rax
	decq %rcx
	jnz 1b
	/* BSS page 1: one write. */
	movq $42, bss_page1 + 8(%rip)
	WRITE bss_ok

	/* Stack growth: two pages below the first stack page. */
	movq %rsp, %r14
	subq $0x2000, %rsp
	movq $7, (%rsp)
	movq (%rsp), %rax
	movq %r14, %rsp
	cmpq $7, %rax
	jne fail
	WRITE stack_ok

	/* Swap: the kernel writes BSS page 0 to the swap disk and frees
	   its frame; reading it faults and swaps it back in. */
	movq $SYS_SYSTEST_EVICT, %rax
	leaq bss_page0(%rip), %rdi
	syscall
	cmpq $1, %rax
	jne fail
	leaq bss_page0(%rip), %rdi
	movabsq $PATTERN, %rax
	movq $512, %rcx
2:	cmpq %rax, (%rdi)
	jne fail
	addq $8, %rdi
	rolq $7, %rax
	decq %rcx
	jnz 2b
	WRITE swap_ok

	movq $SYS_EXIT, %rax
	movq $0, %rdi
	syscall

fault_path:
	WRITE fault_msg
	movq $0x10, %rax
	movl $1, (%rax)
fail:
	WRITE fail_msg
	movq $SYS_EXIT, %rax
	movq $1, %rdi
	syscall

	.macro STRING name, text
\name:	.ascii "\text"
	.set \name\()_len, . - \name
	.endm

	.section .rodata
	STRING hello, "userprog: hello from ring 3\n"
	STRING data_ok, "userprog: initialized data is intact\n"
	STRING bss_ok, "userprog: bss pages read as zero and are writable\n"
	STRING stack_ok, "userprog: stack grew by two pages\n"
	STRING swap_ok, "userprog: page read back from swap is intact\n"
	STRING fault_msg, "userprog: writing to address 0x10\n"
	STRING fail_msg, "userprog: CHECK FAILED\n"

	.section .data
	.p2align 3
data_word:
	.quad 0x0123456789abcdef

	.section .bss
	.p2align 12
bss_page0:
	.space 4096
bss_page1:
	.space 4096
