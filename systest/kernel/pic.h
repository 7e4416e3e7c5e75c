/* The two cascaded 8259A interrupt controllers. */
#ifndef SYSTEST_PIC_H
#define SYSTEST_PIC_H

#include <stdint.h>

void pic_init (void);
void pic_eoi (uint8_t vec);
void pic_mask (unsigned irq, int masked);

#endif
