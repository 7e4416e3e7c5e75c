/* Anonymous pages and the swap disk (hd1:1).  A swap slot is
   PGSIZE / DISK_SECTOR_SIZE consecutive sectors; swap_table has one bit
   per slot, set while the slot holds a page. */
#include "vm.h"
#include "console.h"
#include "ide.h"
#include "string.h"
#include "vaddr.h"

#define SECTORS_PER_SLOT (PGSIZE / DISK_SECTOR_SIZE)
#define MAX_SLOTS 4096
#define NO_SLOT ((size_t) -1)

/* Bitmap of used swap slots. */
uint64_t swap_table[MAX_SLOTS / 64];
size_t swap_slot_cnt;
static struct disk *swap_disk;

static bool anon_swap_in (struct page *page, void *kva);
static bool anon_swap_out (struct page *page);
static void anon_destroy (struct page *page);

static const struct page_operations anon_ops = {
	.swap_in = anon_swap_in,
	.swap_out = anon_swap_out,
	.destroy = anon_destroy,
	.type = VM_ANON,
};

/* Finds the swap disk and sizes the slot bitmap; the disk's last slot
   is left out (its sectors hold the harness's label and the raw
   write test). */
void vm_anon_init (void) {
	swap_disk = disk_get (1, 1);
	swap_slot_cnt = 0;
	if (swap_disk != NULL) {
		swap_slot_cnt = disk_size (swap_disk) / SECTORS_PER_SLOT - 1;
		if (swap_slot_cnt > MAX_SLOTS)
			swap_slot_cnt = MAX_SLOTS;
	}
	memset (swap_table, 0, sizeof swap_table);
}

/* Whether slot I holds a page; marking it used or free. */
static bool slot_used (size_t i) { return (swap_table[i / 64] >> (i % 64)) & 1; }
static void slot_set (size_t i, bool used) {
	if (used)
		swap_table[i / 64] |= 1ull << (i % 64);
	else
		swap_table[i / 64] &= ~(1ull << (i % 64));
}

/* Number of slots in use. */
size_t swap_slots_used (void) {
	size_t n = 0;
	for (size_t i = 0; i < swap_slot_cnt; i++)
		n += slot_used (i);
	return n;
}

/* Makes PAGE an anonymous page with a zeroed frame at KVA. */
bool anon_initializer (struct page *page, enum vm_type type, void *kva) {
	(void) type;
	page->operations = &anon_ops;
	page->anon.swap_index = NO_SLOT;
	memset (kva, 0, PGSIZE);
	return true;
}

/* Reads PAGE back from its slot into KVA and frees the slot; a page
   that was never swapped out keeps its (zeroed) contents. */
static bool anon_swap_in (struct page *page, void *kva) {
	size_t slot = page->anon.swap_index;
	if (slot == NO_SLOT)
		return true;
	for (int i = 0; i < SECTORS_PER_SLOT; i++)
		disk_read (swap_disk, slot * SECTORS_PER_SLOT + i,
				(uint8_t *) kva + i * DISK_SECTOR_SIZE);
	slot_set (slot, false);
	page->anon.swap_index = NO_SLOT;
	printf ("vm: swapped in %p from swap slot %zu\n", page->va, slot);
	return true;
}

/* Writes PAGE's frame to the first free slot. */
static bool anon_swap_out (struct page *page) {
	size_t slot;
	for (slot = 0; slot < swap_slot_cnt && slot_used (slot); slot++)
		continue;
	if (slot == swap_slot_cnt)
		return false;
	for (int i = 0; i < SECTORS_PER_SLOT; i++)
		disk_write (swap_disk, slot * SECTORS_PER_SLOT + i,
				(uint8_t *) page->frame->kva + i * DISK_SECTOR_SIZE);
	slot_set (slot, true);
	page->anon.swap_index = slot;
	printf ("vm: swapped out %p to swap slot %zu\n", page->va, slot);
	return true;
}

/* Frees the slot of a swapped-out page. */
static void anon_destroy (struct page *page) {
	if (page->anon.swap_index != NO_SLOT) {
		slot_set (page->anon.swap_index, false);
		page->anon.swap_index = NO_SLOT;
	}
}
