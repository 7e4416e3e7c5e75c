/* The test kernel: each step exercises one piece of the machine a
   Pintos-KAIST kernel uses and prints one or more deterministic lines
   (README.md lists them). */
#include "cmdline.h"
#include "console.h"
#include "disktest.h"
#include "exception.h"
#include "fs.h"
#include "gdt.h"
#include "ide.h"
#include "intr.h"
#include "kbd.h"
#include "memmap.h"
#include "mmu.h"
#include "palloc.h"
#include "power.h"
#include "rtc.h"
#include "serial.h"
#include "softint.h"
#include "syscall.h"
#include "thread.h"
#include "timer.h"
#include "vm.h"

int main (void) __attribute__ ((noreturn));

/* Called by start.S in long mode on the boot stack, interrupts off. */
int main (void) {
	extern char kernel_start;
	int argc;

	serial_init ();
	printf ("systest: kernel running in long mode at %p\n", &kernel_start);
	char **argv = cmdline_read (&argc);
	memmap_report ();

	gdt_init ();
	printf ("gdt: kernel and user segments and the TSS loaded\n");
	palloc_init ();
	paging_init (memmap_ext_end ());
	printf ("paging: physical memory mapped at 0x8004000000 with 4 KiB pages, "
			"identity map dropped\n");
	thread_init ();

	intr_init ();
	printf ("intr: IDT with 256 vectors loaded, PICs remapped to 0x20-0x2f\n");
	exception_init ();
	exception_test ();
	softint_test ();
	softint_user_init ();

	timer_init ();
	kbd_init ();
	intr_enable ();
	timer_wait_ticks (10);
	printf ("timer: 10 ticks elapsed at %d Hz\n", TIMER_FREQ);
	serial_init_queue ();
	printf ("serial: output is now interrupt-driven (IRQ 4)\n");
	kbd_test ();
	rtc_test ();

	ide_init ();
	disk_test (argc);

	syscall_init ();
	vm_init ();
	fs_format ();
	cmdline_run_actions (argv);

	printf ("palloc: %zu of 1024 user pool pages free\n", palloc_user_free_cnt ());
	printf ("serial: transmit interrupts %s\n", serial_irq_count () > 0 ? "seen" : "NOT SEEN");
	power_off ();
}
