/* Entry for the "syscall" instruction (MSR_LSTAR).  The CPU left the
   user rip in %rcx and rflags in %r11, masked IF, and did not switch
   stacks: we switch to tss->rsp0, build a struct intr_frame like the
   interrupt stubs do, call syscall_handler (frame) (with interrupts
   back on if the user had them on) and return with sysretq. */

#include "layout.h"

	.section .text
	.globl syscall_entry
syscall_entry:
	movq %rsp, syscall_user_rsp(%rip)
	movq tss(%rip), %rsp
	movq 4(%rsp), %rsp              /* tss->rsp0 */
	pushq $SEL_UDSEG                /* ss */
	pushq syscall_user_rsp(%rip)    /* rsp */
	pushq %r11                      /* eflags */
	pushq $SEL_UCSEG                /* cs */
	pushq %rcx                      /* rip */
	pushq $0                        /* error_code */
	pushq $0                        /* vec_no */
	pushq $SEL_UDSEG                /* ds */
	pushq $SEL_UDSEG                /* es */
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
	movq %rsp, %rdi
	btq $9, %r11                    /* user IF */
	jnc 1f
	sti
1:	movabsq $syscall_handler, %rax
	call *%rax
	cli
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
	addq $32, %rsp                  /* es, ds, vec_no, error_code */
	popq %rcx                       /* rip */
	addq $8, %rsp                   /* cs */
	popq %r11                       /* eflags */
	popq %rsp                       /* user rsp */
	sysretq

	.section .bss
	.p2align 3
syscall_user_rsp:
	.quad 0
