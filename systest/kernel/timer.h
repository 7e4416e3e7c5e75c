/* The 8254 programmable interval timer, channel 0 on IRQ 0. */
#ifndef SYSTEST_TIMER_H
#define SYSTEST_TIMER_H

#include <stdint.h>

#define TIMER_FREQ 100

void timer_init (void);
int64_t timer_ticks (void);
void timer_wait_ticks (int64_t n);

#endif
