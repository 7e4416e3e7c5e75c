#include "disktest.h"
#include "console.h"
#include "hash.h"
#include "ide.h"
#include "string.h"

static uint8_t buf[DISK_SECTOR_SIZE];
static uint8_t pattern[DISK_SECTOR_SIZE];

/* The boot disk: sector 0 is the boot sector (signature, command
   line), sector 1 the start of the kernel image the loader copied to
   memory, and the capacity is the boot sector plus that image. */
static void boot_disk (int argc) {
	extern char kernel_start, _edata;
	struct disk *d = disk_get (0, 0);
	if (d == NULL) {
		printf ("disk: hd0:0 missing\n");
		return;
	}
	disk_read (d, 0, buf);
	uint16_t sig = buf[510] | (buf[511] << 8);
	uint32_t disk_argc = *(uint32_t *) (buf + 0x17a);
	printf ("disk: hd0:0 sector 0: signature %#x, command line argc %u (%s)\n",
			sig, disk_argc, (int) disk_argc == argc ? "same as in memory" : "DIFFERENT");
	disk_read (d, 1, buf);
	uint64_t image = ((uint64_t) (&_edata - &kernel_start) + 4095) & ~4095ull;
	printf ("disk: hd0:0 sector 1 %s the kernel image in memory; capacity %s\n",
			memcmp (buf, &kernel_start, DISK_SECTOR_SIZE) == 0 ? "matches" : "DIFFERS FROM",
			disk_size (d) == 1 + image / DISK_SECTOR_SIZE
			? "is the boot sector plus the kernel image" : "IS UNEXPECTED");
}

/* Prints D's capacity and the label (text up to the first NUL) and
   FNV-1a hash of its last sector, which the harness filled. */
static void labelled_disk (struct disk *d) {
	disk_read (d, disk_size (d) - 1, buf);
	char label[64];
	size_t n = strnlen ((char *) buf, sizeof label - 1);
	memcpy (label, buf, n);
	label[n] = '\0';
	printf ("disk: %s %u sectors, last sector \"%s\" fnv1a %#010x\n",
			disk_name (d), disk_size (d), label, hash_bytes (buf, sizeof buf));
}

/* Writes a pattern (derived from SEED) to sector SEC of D, reads it
   back and compares; the harness checks the sector after power-off. */
static void write_test (struct disk *d, disk_sector_t sec, unsigned seed) {
	for (int i = 0; i < DISK_SECTOR_SIZE; i++)
		pattern[i] = (uint8_t) (seed + i * 7 + (i >> 3));
	memcpy (pattern, "systest write", 13);
	disk_write (d, sec, pattern);
	memset (buf, 0, sizeof buf);
	disk_read (d, sec, buf);
	printf ("disk: %s wrote sector %u and read it back: %s, fnv1a %#010x\n",
			disk_name (d), sec, memcmp (buf, pattern, sizeof buf) == 0 ? "same" : "DIFFERENT",
			hash_bytes (buf, sizeof buf));
}

/* Runs the checks on hd0:0, hd0:1 (fs), hd1:0 (scratch), hd1:1 (swap). */
void disk_test (int argc) {
	boot_disk (argc);
	struct disk *fs = disk_get (0, 1), *scratch = disk_get (1, 0), *swap = disk_get (1, 1);
	if (fs != NULL)
		labelled_disk (fs);
	if (swap != NULL) {
		labelled_disk (swap);
		write_test (swap, disk_size (swap) - 2, 0x5a);
	}
	if (scratch != NULL)
		write_test (scratch, disk_size (scratch) - 1, 0xc3);
}
