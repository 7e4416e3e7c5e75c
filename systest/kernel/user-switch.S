/* int user_enter (struct kctx *ctx, struct intr_frame *tf)
     Saves the caller's callee-saved registers, stack pointer and return
     address in CTX, then enters the state in TF (ring 3) through
     intr_exit's register restore and iretq.  "Returns" when
     kctx_resume (ctx, value) is called, with VALUE.

   void kctx_resume (struct kctx *ctx, int value)
     Switches back to the context saved by user_enter. */

	.section .text
	.globl user_enter
user_enter:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rax
	movq %rax, 48(%rdi)
	movq (%rsp), %rax
	movq %rax, 56(%rdi)
	cli                             /* no interrupt while rsp points at TF */
	movq %rsi, %rsp
	movabsq $intr_exit, %rax
	jmp *%rax

	.globl kctx_resume
kctx_resume:
	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	movslq %esi, %rax
	jmp *56(%rdi)
