/* Virtual-address helpers (Pintos-KAIST's layout). */
#ifndef SYSTEST_VADDR_H
#define SYSTEST_VADDR_H

#include <stdbool.h>
#include <stdint.h>
#include "layout.h"

#define PGBITS 12
#define PGSIZE (1 << PGBITS)
#define PGMASK (PGSIZE - 1)

#define pg_ofs(va)        ((uint64_t) (va) & PGMASK)
#define pg_round_down(va) ((void *) ((uint64_t) (va) & ~(uint64_t) PGMASK))
#define pg_round_up(va)   ((void *) (((uint64_t) (va) + PGMASK) & ~(uint64_t) PGMASK))

#define KERN_BASE  KERNEL_VIRT_BASE
#define USER_STACK 0x47480000

#define is_kernel_vaddr(va) ((uint64_t) (va) >= KERN_BASE)
#define is_user_vaddr(va)   (!is_kernel_vaddr (va))

/* Kernel virtual address of physical address PA, and back. */
#define ptov(pa) ((void *) ((uint64_t) (pa) + KERN_BASE))
#define vtop(va) ((uint64_t) (va) - KERN_BASE)

#endif
