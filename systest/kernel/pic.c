#include "pic.h"
#include "io.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI   0x20

/* Remaps IRQ 0-7 to vectors 0x20-0x27 and IRQ 8-15 to 0x28-0x2f (edge
   triggered, cascade on IRQ 2, 8086 mode, normal EOI) and unmasks all
   IRQs, as Pintos does. */
void pic_init (void) {
	outb (PIC1_DATA, 0xff);
	outb (PIC2_DATA, 0xff);

	outb (PIC1_CMD, 0x11);      /* ICW1: edge, cascade, ICW4 follows */
	outb (PIC1_DATA, 0x20);     /* ICW2: vector base */
	outb (PIC1_DATA, 0x04);     /* ICW3: slave on IR2 */
	outb (PIC1_DATA, 0x01);     /* ICW4: 8086 mode */

	outb (PIC2_CMD, 0x11);
	outb (PIC2_DATA, 0x28);
	outb (PIC2_DATA, 0x02);     /* ICW3: slave identity 2 */
	outb (PIC2_DATA, 0x01);

	outb (PIC1_DATA, 0x00);
	outb (PIC2_DATA, 0x00);
}

/* Acknowledges the IRQ delivered as vector VEC (0x20-0x2f). */
void pic_eoi (uint8_t vec) {
	outb (PIC1_CMD, PIC_EOI);
	if (vec >= 0x28)
		outb (PIC2_CMD, PIC_EOI);
}

/* Masks (MASKED != 0) or unmasks IRQ line IRQ (0-15). */
void pic_mask (unsigned irq, int masked) {
	uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;
	uint8_t bit = 1u << (irq & 7);
	uint8_t m = inb (port);
	outb (port, masked ? (m | bit) : (m & ~bit));
}
