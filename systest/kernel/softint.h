/* Raises every software vector from 0x30 to 0xff with "int". */
#ifndef SYSTEST_SOFTINT_H
#define SYSTEST_SOFTINT_H

void softint_test (void);
void softint_user_init (void);

#endif
