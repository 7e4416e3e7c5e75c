/* The kernel's global descriptor table. */
#ifndef SYSTEST_GDT_H
#define SYSTEST_GDT_H

void gdt_init (void);

#endif
