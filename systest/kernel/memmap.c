#include "memmap.h"
#include "console.h"
#include "layout.h"
#include "vaddr.h"

/* One record: 4-byte size word, then the BIOS's 20-byte descriptor. */
struct e820_entry {
	uint32_t size;
	uint64_t base;
	uint64_t length;
	uint32_t type;
} __attribute__ ((packed));

#define E820_USABLE 1

/* Returns the records and their count through *CNT. */
static const struct e820_entry *entries (unsigned *cnt) {
	uint32_t flags = *(uint32_t *) ptov (MB_FLAGS);
	if (!(flags & MB_FLAG_MMAP)) {
		*cnt = 0;
		return NULL;
	}
	*cnt = *(uint32_t *) ptov (MB_MMAP_LEN) / sizeof (struct e820_entry);
	return ptov (*(uint32_t *) ptov (MB_MMAP_ADDR));
}

/* Returns the end of the usable region that contains 1 MiB. */
uint64_t memmap_ext_end (void) {
	unsigned cnt;
	const struct e820_entry *e = entries (&cnt);
	for (unsigned i = 0; i < cnt; i++)
		if (e[i].type == E820_USABLE && e[i].base <= 0x100000
				&& e[i].base + e[i].length > 0x100000)
			return e[i].base + e[i].length;
	return 0;
}

/* True if physical [START, END) lies inside one usable region. */
bool memmap_usable (uint64_t start, uint64_t end) {
	unsigned cnt;
	const struct e820_entry *e = entries (&cnt);
	for (unsigned i = 0; i < cnt; i++)
		if (e[i].type == E820_USABLE && e[i].base <= start
				&& e[i].base + e[i].length >= end)
			return true;
	return false;
}

/* Prints whether the map is present and how far usable memory above
   1 MiB reaches, rounded up to MiB (firmware reserves differ by a few
   KiB at the top). */
void memmap_report (void) {
	unsigned cnt;
	entries (&cnt);
	uint64_t end = memmap_ext_end ();
	printf ("memory: e820 map %s, usable memory from 1 MiB up to %lu MiB\n",
			cnt > 0 ? "present" : "MISSING", (end + (1 << 20) - 1) >> 20);
}
