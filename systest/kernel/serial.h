/* COM1, a 16550A UART: polled output, then interrupt-driven output. */
#ifndef SYSTEST_SERIAL_H
#define SYSTEST_SERIAL_H

#include <stdint.h>

void serial_init (void);
void serial_init_queue (void);
void serial_putc (uint8_t c);
void serial_flush (void);
unsigned long serial_irq_count (void);

#endif
