#include "mmu.h"
#include "console.h"
#include "io.h"
#include "palloc.h"
#include "string.h"
#include "vaddr.h"

/* Page table with the kernel mappings only. */
uint64_t *base_pml4;

static uint64_t *active_pml4;

/* Index of VA in the table at LEVEL (3 = PML4 ... 0 = page table). */
static unsigned index_at (uint64_t va, int level) {
	return (va >> (12 + 9 * level)) & 0x1ff;
}

/* Returns the address of the page-table entry for VA in PML4, creating
   missing intermediate tables if CREATE (user-accessible and writable
   at the upper levels; the leaf decides), or NULL. */
uint64_t *pml4e_walk (uint64_t *pml4, uint64_t va, bool create) {
	uint64_t *table = pml4;
	for (int level = 3; level > 0; level--) {
		uint64_t *e = &table[index_at (va, level)];
		if (!(*e & PTE_P)) {
			if (!create)
				return NULL;
			void *next = palloc_get_page (PAL_ZERO);
			if (next == NULL)
				return NULL;
			*e = vtop (next) | PTE_P | PTE_W | PTE_U;
		}
		table = ptov (PTE_ADDR (*e));
	}
	return &table[index_at (va, 0)];
}

/* Builds base_pml4: physical [0, MEM_END) at KERN_BASE in 4 KiB pages,
   the kernel's text and read-only data not writable, and switches to
   it.  The boot page tables' identity map is gone afterwards. */
void paging_init (uint64_t mem_end) {
	extern char kernel_start, kernel_text_end;
	base_pml4 = palloc_get_page (PAL_ASSERT | PAL_ZERO);
	for (uint64_t pa = 0; pa < mem_end; pa += PGSIZE) {
		uint64_t va = (uint64_t) ptov (pa);
		uint64_t perm = PTE_P | PTE_W;
		if (va >= (uint64_t) &kernel_start && va < (uint64_t) &kernel_text_end)
			perm &= ~(uint64_t) PTE_W;
		uint64_t *pte = pml4e_walk (base_pml4, va, true);
		if (pte == NULL)
			panic ("paging_init: out of memory");
		*pte = pa | perm;
	}
	pml4_activate (NULL);
}

/* Returns a new PML4 that shares the kernel mappings of base_pml4. */
uint64_t *pml4_create (void) {
	uint64_t *pml4 = palloc_get_page (0);
	if (pml4 != NULL)
		memcpy (pml4, base_pml4, PGSIZE);
	return pml4;
}

/* Frees the user-half tables of the table at LEVEL (not the pages
   they map), then the table itself. */
static void free_tables (uint64_t *table, int level) {
	if (level > 0)
		for (int i = 0; i < 512; i++)
			if (table[i] & PTE_P)
				free_tables (ptov (PTE_ADDR (table[i])), level - 1);
	palloc_free_page (table);
}

/* Frees PML4 and the page tables of its user half (PML4 entry 0,
   the first 512 GiB; the kernel lives in entry 1 and is shared). */
void pml4_destroy (uint64_t *pml4) {
	if (pml4 == NULL)
		return;
	ASSERT (pml4 != active_pml4);
	if (pml4[0] & PTE_P)
		free_tables (ptov (PTE_ADDR (pml4[0])), 2);
	palloc_free_page (pml4);
}

/* Loads PML4 (or base_pml4 if NULL) into CR3. */
void pml4_activate (uint64_t *pml4) {
	active_pml4 = pml4 != NULL ? pml4 : base_pml4;
	lcr3 (vtop (active_pml4));
}

/* Maps user page UPAGE to the frame at kernel address KPAGE. */
bool pml4_set_page (uint64_t *pml4, void *upage, void *kpage, bool writable) {
	ASSERT (pg_ofs (upage) == 0 && pg_ofs (kpage) == 0);
	ASSERT (is_user_vaddr (upage));
	uint64_t *pte = pml4e_walk (pml4, (uint64_t) upage, true);
	if (pte == NULL)
		return false;
	*pte = vtop (kpage) | PTE_P | PTE_U | (writable ? PTE_W : 0);
	if (pml4 == active_pml4)
		invlpg (upage);
	return true;
}

/* Returns the kernel address of the frame UPAGE maps to, or NULL. */
void *pml4_get_page (uint64_t *pml4, const void *upage) {
	uint64_t *pte = pml4e_walk (pml4, (uint64_t) upage, false);
	if (pte == NULL || !(*pte & PTE_P))
		return NULL;
	return (uint8_t *) ptov (PTE_ADDR (*pte)) + pg_ofs (upage);
}

/* Marks UPAGE not present. */
void pml4_clear_page (uint64_t *pml4, void *upage) {
	uint64_t *pte = pml4e_walk (pml4, (uint64_t) upage, false);
	if (pte != NULL && (*pte & PTE_P)) {
		*pte &= ~(uint64_t) PTE_P;
		if (pml4 == active_pml4)
			invlpg (upage);
	}
}
