#include "kbd.h"
#include "console.h"
#include "intr.h"
#include "io.h"
#include "pic.h"

#define KBD_DATA   0x60
#define KBD_STATUS 0x64
#define STATUS_OBF 0x01             /* output buffer full: data at 0x60 */
#define STATUS_IBF 0x02             /* input buffer full: controller busy */

static unsigned long key_bytes;

/* IRQ 1: takes the byte from the controller. */
static void kbd_interrupt (struct intr_frame *f) {
	(void) f;
	inb (KBD_DATA);
	key_bytes++;
}

/* Registers the IRQ 1 handler. */
void kbd_init (void) {
	intr_register_ext (0x21, kbd_interrupt, "8042 Keyboard");
}

/* Waits until the controller accepts a command or data byte. */
static void wait_input_empty (void) {
	while (inb (KBD_STATUS) & STATUS_IBF)
		continue;
}

/* Waits (bounded) for a byte from the controller; returns it or -1. */
static int read_reply (void) {
	for (int i = 0; i < 1000000; i++)
		if (inb (KBD_STATUS) & STATUS_OBF)
			return inb (KBD_DATA);
	return -1;
}

/* Sends controller command CMD and returns its one-byte reply. */
static int command (uint8_t cmd) {
	wait_input_empty ();
	outb (KBD_STATUS, cmd);
	return read_reply ();
}

/* Reads the status register, drains pending bytes, runs the
   controller self test (0xaa, expects 0x55) and the keyboard interface
   test (0xab, expects 0x00), with IRQ 1 masked so that the replies
   reach us and not the interrupt handler. */
void kbd_test (void) {
	bool old = intr_disable ();
	pic_mask (1, 1);
	for (int i = 0; i < 16 && (inb (KBD_STATUS) & STATUS_OBF); i++)
		inb (KBD_DATA);
	uint8_t status = inb (KBD_STATUS);
	int self = command (0xaa);
	int iface = command (0xab);
	pic_mask (1, 0);
	intr_restore (old);
	printf ("kbd: status output-buffer-full=%d, self test %#x, interface test %#x\n",
			status & STATUS_OBF, self, iface);
}
