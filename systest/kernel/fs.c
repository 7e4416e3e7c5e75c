#include "fs.h"
#include "console.h"
#include "hash.h"
#include "ide.h"
#include "string.h"

#define FS_MAGIC "STFS"
#define MAX_FILES 15

struct fs_dir {
	char magic[4];
	uint32_t count;
	struct fs_file files[MAX_FILES];
};

static struct fs_dir dir;
static uint8_t sector_buf[DISK_SECTOR_SIZE];
static disk_sector_t put_cursor, get_cursor;   /* scratch-disk positions */

/* The file-system disk (hd0:1) and the scratch disk (hd1:0). */
static struct disk *fs_disk (void) { return disk_get (0, 1); }
static struct disk *scratch_disk (void) { return disk_get (1, 0); }

/* Writes the directory to sector 0 of the fs disk. */
static void write_dir (void) {
	memset (sector_buf, 0, sizeof sector_buf);
	memcpy (sector_buf, &dir, sizeof dir);
	disk_write (fs_disk (), 0, sector_buf);
}

/* Creates an empty directory on the fs disk. */
void fs_format (void) {
	if (fs_disk () == NULL)
		panic ("fs: no file-system disk (hd0:1)");
	memset (&dir, 0, sizeof dir);
	memcpy (dir.magic, FS_MAGIC, 4);
	write_dir ();
	printf ("fs: formatted hd0:1 (directory in sector 0)\n");
}

/* Copies the entry for NAME to *OUT; false if there is none. */
bool fs_lookup (const char *name, struct fs_file *out) {
	for (uint32_t i = 0; i < dir.count; i++)
		if (strcmp (dir.files[i].name, name) == 0) {
			*out = dir.files[i];
			return true;
		}
	return false;
}

/* First sector after the last file. */
static disk_sector_t next_free_sector (void) {
	disk_sector_t s = 1;
	for (uint32_t i = 0; i < dir.count; i++) {
		disk_sector_t end = dir.files[i].sector
			+ (dir.files[i].size + DISK_SECTOR_SIZE - 1) / DISK_SECTOR_SIZE;
		if (end > s)
			s = end;
	}
	return s;
}

/* "put NAME": the scratch disk holds, from the current put position,
   a sector "PUT\0" + 32-bit size, then the file's sectors.  Copies the
   file into the fs disk. */
void fs_put (const char *name) {
	struct disk *src = scratch_disk (), *dst = fs_disk ();
	if (src == NULL)
		panic ("put: no scratch disk (hd1:0)");
	disk_read (src, put_cursor++, sector_buf);
	if (memcmp (sector_buf, "PUT", 4) != 0)
		panic ("put: %s: no PUT signature on the scratch disk", name);
	uint32_t size = ((uint32_t *) sector_buf)[1];
	uint32_t sectors = (size + DISK_SECTOR_SIZE - 1) / DISK_SECTOR_SIZE;
	disk_sector_t start = next_free_sector ();
	if (dir.count == MAX_FILES || strlen (name) >= sizeof dir.files[0].name
			|| start + sectors >= disk_size (dst))
		panic ("put: %s: no room", name);
	for (uint32_t i = 0; i < sectors; i++) {
		disk_read (src, put_cursor++, sector_buf);
		disk_write (dst, start + i, sector_buf);
	}
	struct fs_file *f = &dir.files[dir.count++];
	memset (f, 0, sizeof *f);
	memcpy (f->name, name, strlen (name));
	f->sector = start;
	f->size = size;
	write_dir ();
	printf ("put: %s (%u bytes) copied from hd1:0 to hd0:1\n", name, size);
}

/* "get NAME": writes "GET\0" + 32-bit size and then the file's sectors
   to the scratch disk from the current get position (the harness reads
   them back after power-off).  Prints the file's FNV-1a hash. */
void fs_get (const char *name) {
	struct fs_file f;
	struct disk *dst = scratch_disk ();
	if (!fs_lookup (name, &f))
		panic ("get: %s: no such file", name);
	memset (sector_buf, 0, sizeof sector_buf);
	memcpy (sector_buf, "GET", 4);
	((uint32_t *) sector_buf)[1] = f.size;
	disk_write (dst, get_cursor++, sector_buf);

	unsigned h = 2166136261u;
	for (uint32_t done = 0; done < f.size; done += DISK_SECTOR_SIZE) {
		uint32_t chunk = f.size - done < DISK_SECTOR_SIZE ? f.size - done : DISK_SECTOR_SIZE;
		disk_read (fs_disk (), f.sector + done / DISK_SECTOR_SIZE, sector_buf);
		memset (sector_buf + chunk, 0, DISK_SECTOR_SIZE - chunk);
		for (uint32_t i = 0; i < chunk; i++)
			h = (h ^ sector_buf[i]) * 16777619u;
		disk_write (dst, get_cursor++, sector_buf);
	}
	printf ("get: %s (%u bytes, fnv1a %#010x) copied from hd0:1 to hd1:0\n", name, f.size, h);
}
