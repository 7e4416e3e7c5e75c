/* A minimal flat file system on the file-system disk (hd0:1), enough
   for the pintos script's put/get protocol on the scratch disk (hd1:0).
   Sector 0 is the directory; files occupy consecutive sectors. */
#ifndef SYSTEST_FS_H
#define SYSTEST_FS_H

#include <stdbool.h>
#include <stdint.h>

struct fs_file {
	char name[24];
	uint32_t sector;            /* first sector on the fs disk */
	uint32_t size;              /* bytes */
};

void fs_format (void);
bool fs_lookup (const char *name, struct fs_file *out);
void fs_put (const char *name);
void fs_get (const char *name);

#endif
