#include "timer.h"
#include "intr.h"
#include "io.h"

#define PIT_CH0  0x40
#define PIT_CMD  0x43
#define PIT_HZ   1193180

static volatile int64_t ticks;

/* IRQ 0: counts a tick. */
static void timer_interrupt (struct intr_frame *f) {
	(void) f;
	ticks++;
}

/* Programs channel 0 for TIMER_FREQ interrupts a second (mode 2, rate
   generator, binary, low byte then high byte of the divisor rounded to
   nearest) and registers the IRQ 0 handler. */
void timer_init (void) {
	uint16_t count = (PIT_HZ + TIMER_FREQ / 2) / TIMER_FREQ;
	outb (PIT_CMD, 0x34);
	outb (PIT_CH0, count & 0xff);
	outb (PIT_CH0, count >> 8);
	intr_register_ext (0x20, timer_interrupt, "8254 Timer");
}

/* Returns the number of timer interrupts so far. */
int64_t timer_ticks (void) {
	bool old = intr_disable ();
	int64_t t = ticks;
	intr_restore (old);
	return t;
}

/* Halts until N more ticks have happened; leaves interrupts as they
   were (they are enabled while waiting). */
void timer_wait_ticks (int64_t n) {
	bool old = intr_disable ();
	int64_t end = ticks + n;
	while (ticks < end)
		intr_wait ();
	intr_restore (old);
}
