/* The 8042 keyboard controller (ports 0x60/0x64). */
#ifndef SYSTEST_KBD_H
#define SYSTEST_KBD_H

void kbd_init (void);
void kbd_test (void);

#endif
