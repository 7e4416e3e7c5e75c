/* ATA disks on the two legacy IDE channels (PIO, one sector at a time,
   completion signalled by IRQ 14 / IRQ 15).  The pintos script attaches
   the boot disk as hd0:0, the file-system disk as hd0:1, the scratch
   disk as hd1:0 and the swap disk as hd1:1. */
#ifndef SYSTEST_IDE_H
#define SYSTEST_IDE_H

#include <stdbool.h>
#include <stdint.h>

#define DISK_SECTOR_SIZE 512

typedef uint32_t disk_sector_t;

struct disk;

void ide_init (void);
struct disk *disk_get (int chan_no, int dev_no);
disk_sector_t disk_size (struct disk *);
const char *disk_name (struct disk *);
void disk_read (struct disk *, disk_sector_t, void *buf);
void disk_write (struct disk *, disk_sector_t, const void *buf);

#endif
