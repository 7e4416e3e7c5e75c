#include "serial.h"
#include "intr.h"
#include "io.h"

#define COM1      0x3f8
#define THR       (COM1 + 0)        /* transmit (DLAB = 0) */
#define DLL       (COM1 + 0)        /* divisor low (DLAB = 1) */
#define IER       (COM1 + 1)        /* interrupt enable (DLAB = 0) */
#define DLM       (COM1 + 1)        /* divisor high (DLAB = 1) */
#define IIR       (COM1 + 2)        /* interrupt identification (read) */
#define FCR       (COM1 + 2)        /* FIFO control (write) */
#define LCR       (COM1 + 3)
#define MCR       (COM1 + 4)
#define LSR       (COM1 + 5)

#define LCR_8N1   0x03
#define LCR_DLAB  0x80
#define MCR_OUT2  0x08              /* gates the UART's IRQ line */
#define LSR_THRE  0x20
#define IER_XMIT  0x02

#define UART_CLOCK 1843200
#define BAUD       115200

#define QUEUE_SIZE 256

static enum { UNINIT, POLL, QUEUE } mode;

/* Bytes waiting for the transmit interrupt (a ring buffer). */
static uint8_t queue[QUEUE_SIZE];
static unsigned q_head, q_tail;
static unsigned long irq_count;

static void serial_interrupt (struct intr_frame *);

/* Programs COM1 for polled output at 115200 baud, 8N1, FIFO off,
   no interrupts (OUT2 set so that interrupts can be enabled later). */
void serial_init (void) {
	uint16_t divisor = UART_CLOCK / 16 / BAUD;
	outb (IER, 0);
	outb (FCR, 0);
	outb (LCR, LCR_8N1 | LCR_DLAB);
	outb (DLL, divisor & 0xff);
	outb (DLM, divisor >> 8);
	outb (LCR, LCR_8N1);
	outb (MCR, MCR_OUT2);
	mode = POLL;
}

/* Waits until the transmitter holding register is empty, sends C. */
static void putc_poll (uint8_t c) {
	while ((inb (LSR) & LSR_THRE) == 0)
		continue;
	outb (THR, c);
}

/* Whether the transmit queue is empty or full. */
static bool queue_empty (void) { return q_head == q_tail; }
static bool queue_full (void) { return (q_head + 1) % QUEUE_SIZE == q_tail; }

/* Removes and returns the oldest queued byte (queue not empty). */
static uint8_t queue_get (void) {
	uint8_t c = queue[q_tail];
	q_tail = (q_tail + 1) % QUEUE_SIZE;
	return c;
}

/* Enables the transmit interrupt exactly when bytes are queued.
   Interrupts must be off. */
static void write_ier (void) {
	outb (IER, queue_empty () ? 0 : IER_XMIT);
}

/* Switches to interrupt-driven output on IRQ 4 (vector 0x24). */
void serial_init_queue (void) {
	if (mode == UNINIT)
		serial_init ();
	intr_register_ext (0x24, serial_interrupt, "serial");
	bool old = intr_disable ();
	mode = QUEUE;
	write_ier ();
	intr_restore (old);
}

/* Sends C: directly while polling, else through the queue.  When the
   queue is full the oldest byte is sent by polling first, so the order
   of bytes is always kept. */
void serial_putc (uint8_t c) {
	bool old = intr_disable ();
	if (mode == UNINIT)
		serial_init ();
	if (mode == POLL)
		putc_poll (c);
	else {
		if (queue_full ())
			putc_poll (queue_get ());
		queue[q_head] = c;
		q_head = (q_head + 1) % QUEUE_SIZE;
		write_ier ();
	}
	intr_restore (old);
}

/* Sends every queued byte by polling. */
void serial_flush (void) {
	bool old = intr_disable ();
	while (!queue_empty ())
		putc_poll (queue_get ());
	if (mode == QUEUE)
		write_ier ();
	intr_restore (old);
}

/* Returns how many serial interrupts have been handled. */
unsigned long serial_irq_count (void) {
	return irq_count;
}

/* IRQ 4: moves queued bytes to the UART while it can take them. */
static void serial_interrupt (struct intr_frame *f) {
	(void) f;
	irq_count++;
	inb (IIR);
	while (!queue_empty () && (inb (LSR) & LSR_THRE) != 0)
		outb (THR, queue_get ());
	write_ier ();
}
