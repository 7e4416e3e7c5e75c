/* CPU exceptions: kernel-mode self tests and user-mode faults. */
#ifndef SYSTEST_EXCEPTION_H
#define SYSTEST_EXCEPTION_H

#include <stdbool.h>
#include "intr.h"

void exception_init (void);
void exception_test (void);
bool exception_take_expected (struct intr_frame *f);

#endif
