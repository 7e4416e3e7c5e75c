/* Machine power-off. */
#ifndef SYSTEST_POWER_H
#define SYSTEST_POWER_H

void power_off (void) __attribute__ ((noreturn));

#endif
