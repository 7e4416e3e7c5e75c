#include "syscall.h"
#include "console.h"
#include "intr.h"
#include "io.h"
#include "layout.h"
#include "power.h"
#include "process.h"
#include "thread.h"
#include "vaddr.h"
#include "vm.h"

#define MSR_EFER         0xc0000080
#define MSR_STAR         0xc0000081
#define MSR_LSTAR        0xc0000082
#define MSR_SYSCALL_MASK 0xc0000084
#define EFER_SCE         0x1

#define FLAG_TF   0x100
#define FLAG_DF   0x400
#define FLAG_IOPL 0x3000
#define FLAG_NT   0x4000
#define FLAG_AC   0x40000

void syscall_entry (void);
void syscall_handler (struct intr_frame *f);

/* Enables syscall/sysret: STAR selects kernel CS 0x08 (SS 0x10) on
   entry and user SS 0x1b, CS 0x23 on sysret (base 0x13 + 8 / + 16);
   LSTAR is the entry point; SFMASK clears IF, TF, DF, IOPL, AC, NT. */
void syscall_init (void) {
	wrmsr (MSR_EFER, rdmsr (MSR_EFER) | EFER_SCE);
	wrmsr (MSR_STAR, ((uint64_t) (SEL_UCSEG - 0x10) << 48) | ((uint64_t) SEL_KCSEG << 32));
	wrmsr (MSR_LSTAR, (uint64_t) syscall_entry);
	wrmsr (MSR_SYSCALL_MASK, FLAG_IF | FLAG_TF | FLAG_DF | FLAG_IOPL | FLAG_AC | FLAG_NT);
	printf ("syscall: EFER.SCE, STAR, LSTAR and SFMASK set\n");
}

/* write (fd, buffer, size): only fd 1, the console. */
static int64_t sys_write (int fd, const char *buf, uint64_t size) {
	if (fd != 1)
		return -1;
	if ((uint64_t) buf + size < (uint64_t) buf || !is_user_vaddr (buf + size))
		process_exit (-1);
	putbuf (buf, size);
	return size;
}

/* Dispatches on rax; arguments in rdi, rsi, rdx; result in rax. */
void syscall_handler (struct intr_frame *f) {
	struct thread *t = thread_current ();
	t->user_rsp = f->rsp;
	switch (f->R.rax) {
	case SYS_HALT:
		power_off ();
	case SYS_EXIT:
		process_exit ((int) f->R.rdi);
	case SYS_WRITE:
		f->R.rax = sys_write ((int) f->R.rdi, (const char *) f->R.rsi, f->R.rdx);
		break;
	case SYS_SYSTEST_EVICT:
		f->R.rax = vm_evict_page ((void *) f->R.rdi);
		break;
	default:
		printf ("%s: unknown system call %lu\n", t->name, f->R.rax);
		process_exit (-1);
	}
}
