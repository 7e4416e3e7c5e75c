#include "tss.h"
#include "string.h"

static struct task_state tss_storage __attribute__ ((aligned (16)));

/* The kernel's TSS; syscall_entry reads rsp0 through this pointer. */
struct task_state *tss;

/* Clears the TSS; the I/O bitmap offset points past its end (no
   bitmap, so ring 3 has no port access). */
void tss_init (void) {
	tss = &tss_storage;
	memset (tss, 0, sizeof *tss);
	tss->iomb = sizeof *tss;
}

/* Sets the ring-0 stack used for interrupts and system calls from user
   mode. */
void tss_set_rsp0 (uint64_t rsp0) {
	tss->rsp0 = rsp0;
}
