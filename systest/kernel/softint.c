#include "softint.h"
#include "console.h"
#include "intr.h"
#include "thread.h"
#include "tss.h"
#include "vaddr.h"

#define FIRST 0x30
#define COUNT (0x100 - FIRST)

typedef uint64_t thunk_func (uint64_t);
extern thunk_func *soft_int_thunks[COUNT];

static unsigned hits;

/* Counts the interrupt and adds its vector to the saved rax, so the
   caller sees that the frame was restored by iretq. */
static void soft_handler (struct intr_frame *f) {
	hits++;
	f->R.rax += f->vec_no;
}

/* Each thunk loads its argument into rax and executes "int $vec";
   the result must be argument + vec. */
void softint_test (void) {
	for (int v = FIRST; v < 0x100; v++)
		intr_register_int (v, 0, false, soft_handler, "software");
	unsigned good = 0;
	for (int i = 0; i < COUNT; i++)
		good += soft_int_thunks[i] (1000 * i) == (uint64_t) (1000 * i + FIRST + i);
	printf ("idt: int 0x30-0xff: %u of %d vectors delivered, %u frames restored\n",
			hits, COUNT, good);
}

/* Vector 0x42, callable from ring 3: reports the privilege level it
   came from and whether the CPU switched to the TSS's rsp0 stack (the
   frame lies in the page below tss->rsp0). */
static void user_int_handler (struct intr_frame *f) {
	uint64_t at = (uint64_t) f;
	bool on_rsp0 = at < tss->rsp0 && at >= tss->rsp0 - PGSIZE;
	printf ("intr: int 0x42 from ring %d (cs %#x) ran on the %s stack\n",
			f->cs & 3, f->cs, on_rsp0 ? "TSS rsp0" : "WRONG");
}

/* Makes vector 0x42 a DPL-3 gate for the user program. */
void softint_user_init (void) {
	intr_register_int (0x42, 3, true, user_int_handler, "user int 0x42");
}
