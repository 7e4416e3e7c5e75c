#include "exception.h"
#include "console.h"
#include "io.h"
#include "process.h"
#include "thread.h"
#include "vaddr.h"
#include "vm.h"

/* The exception a self test is about to raise, and how many bytes the
   faulting instruction has (so the handler can resume after it). */
static volatile int expected_vec = -1;
static volatile int skip_len;
static volatile bool caught;
static volatile uint64_t caught_error, caught_cr2;

/* If F is the exception a self test expects, records it, moves rip
   past the instruction and returns true. */
bool exception_take_expected (struct intr_frame *f) {
	if ((f->cs & 3) != 0 || (int) f->vec_no != expected_vec)
		return false;
	caught = true;
	caught_error = f->error_code;
	caught_cr2 = f->vec_no == 14 ? rcr2 () : 0;
	f->rip += skip_len;
	expected_vec = -1;
	return true;
}

/* Handler for every exception but #PF: expected ones resume, faults in
   user mode kill the process, anything else stops the kernel. */
static void kernel_exception (struct intr_frame *f) {
	if (exception_take_expected (f))
		return;
	if (f->cs & 3) {
		printf ("%s: %s in user mode at rip=%#lx, killed\n",
				thread_current ()->name, intr_name (f->vec_no), f->rip);
		process_exit (-1);
	}
	panic ("kernel exception %#lx (%s) at rip=%#lx error=%#lx",
			f->vec_no, intr_name (f->vec_no), f->rip, f->error_code);
}

/* #PF (vector 14): reads CR2 before anything can fault again, then
   enables interrupts (disk reads wait for IRQs), tries the
   supplemental page table, and otherwise kills the user process. */
static void page_fault (struct intr_frame *f) {
	void *addr = (void *) rcr2 ();
	if (exception_take_expected (f))
		return;
	intr_enable ();
	bool not_present = !(f->error_code & 1);
	bool write = (f->error_code & 2) != 0;
	bool user = (f->error_code & 4) != 0;

	if (thread_current () != NULL && vm_try_handle_fault (f, addr, user, write, not_present))
		return;
	printf ("vm: page fault at %p (%s, %s, %s): invalid access\n", addr,
			not_present ? "not present" : "rights violation",
			write ? "write" : "read", user ? "user" : "kernel");
	if (thread_current () != NULL && (user || is_user_vaddr (addr))) {
		printf ("%s: killed by page fault\n", thread_current ()->name);
		process_exit (-1);
	}
	panic ("kernel page fault at %p, rip=%#lx", addr, f->rip);
}

/* Installs handlers for vectors 0-19; #BP and #OF are callable from
   ring 3 (DPL 3), like Pintos does. */
void exception_init (void) {
	for (int v = 0; v < 20; v++) {
		if (v == 14 || v == 15)
			continue;
		intr_register_int (v, (v == 3 || v == 4) ? 3 : 0, false,
				kernel_exception, intr_name (v));
	}
	intr_register_int (14, 0, false, page_fault, intr_name (14));
}

/* Arms the handler for exception VEC raised by an instruction of LEN
   bytes. */
static void expect (int vec, int len) {
	caught = false;
	skip_len = len;
	expected_vec = vec;
}

/* Prints whether the armed exception happened. */
static void report (int vec, bool show_error, bool show_cr2) {
	if (!caught) {
		printf ("exception: %s was NOT raised\n", intr_name (vec));
		expected_vec = -1;
		return;
	}
	printf ("exception: %s", intr_name (vec));
	if (show_cr2)
		printf (" at %#lx", caught_cr2);
	if (show_error)
		printf (" (error code %#lx)", caught_error);
	printf (" caught in kernel mode, resumed\n");
}

/* Raises #DE, #UD, #BP, #GP and #PF in kernel mode; each handler
   returns with iretq to the instruction after the faulting one. */
void exception_test (void) {
	expect (0, 2);                              /* divl %ecx: f7 f1 */
	asm volatile ("movl $1, %%eax; xorl %%edx, %%edx; xorl %%ecx, %%ecx; divl %%ecx"
			: : : "eax", "ecx", "edx");
	report (0, false, false);

	expect (6, 2);                              /* ud2: 0f 0b */
	asm volatile ("ud2");
	report (6, false, false);

	expect (3, 0);                              /* int3 is a trap */
	asm volatile ("int3");
	report (3, false, false);

	expect (13, 3);                             /* movq (%rax), %rax: 48 8b 00 */
	asm volatile ("movabsq $0x8000000000000000, %%rax; movq (%%rax), %%rax" : : : "rax");
	report (13, true, false);

	expect (14, 3);                             /* unmapped: identity map is gone */
	asm volatile ("movq $0x10, %%rax; movq (%%rax), %%rax" : : : "rax");
	report (14, true, true);
}
