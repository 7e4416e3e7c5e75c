/* The e820 memory map the boot sector left at 0x7000. */
#ifndef SYSTEST_MEMMAP_H
#define SYSTEST_MEMMAP_H

#include <stdbool.h>
#include <stdint.h>

uint64_t memmap_ext_end (void);
bool memmap_usable (uint64_t start, uint64_t end);
void memmap_report (void);

#endif
