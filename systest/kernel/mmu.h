/* 4-level x86-64 page tables: the kernel's base_pml4 and one PML4 per
   user process that shares the kernel's upper half. */
#ifndef SYSTEST_MMU_H
#define SYSTEST_MMU_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_P 0x1                   /* present */
#define PTE_W 0x2                   /* writable */
#define PTE_U 0x4                   /* user accessible */
#define PTE_A 0x20                  /* accessed */
#define PTE_D 0x40                  /* dirty */
#define PTE_ADDR(pte) ((uint64_t) (pte) & 0x000ffffffffff000ull)

extern uint64_t *base_pml4;

void paging_init (uint64_t mem_end);
uint64_t *pml4e_walk (uint64_t *pml4, uint64_t va, bool create);
uint64_t *pml4_create (void);
void pml4_destroy (uint64_t *pml4);
void pml4_activate (uint64_t *pml4);
bool pml4_set_page (uint64_t *pml4, void *upage, void *kpage, bool writable);
void *pml4_get_page (uint64_t *pml4, const void *upage);
void pml4_clear_page (uint64_t *pml4, void *upage);

#endif
