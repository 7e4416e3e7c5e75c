#include "ide.h"
#include "console.h"
#include "intr.h"
#include "io.h"
#include "timer.h"

/* Command-block registers, relative to the channel's base port. */
#define REG_DATA    0
#define REG_ERROR   1
#define REG_NSECT   2
#define REG_LBAL    3
#define REG_LBAM    4
#define REG_LBAH    5
#define REG_DEVICE  6
#define REG_STATUS  7               /* read */
#define REG_COMMAND 7               /* write */
#define REG_CTL     0x206           /* control (write) / alternate status (read) */

#define STA_BSY  0x80
#define STA_DRDY 0x40
#define STA_DRQ  0x08
#define CTL_SRST 0x04
#define DEV_MBS  0xa0               /* bits that must be set */
#define DEV_LBA  0x40
#define DEV_DEV  0x10               /* device 1 (slave) */

#define CMD_IDENTIFY 0xec
#define CMD_READ     0x20
#define CMD_WRITE    0x30

struct channel;

struct disk {
	char name[8];               /* "hd0:1" */
	struct channel *channel;
	int dev_no;                 /* 0 master, 1 slave */
	bool is_ata;
	disk_sector_t capacity;     /* in sectors */
	long long read_cnt;
	long long write_cnt;
};

struct channel {
	char name[8];               /* "hd0" */
	uint16_t reg_base;
	uint8_t irq;                /* interrupt vector */
	volatile bool expecting_interrupt;
	volatile bool completed;
	unsigned long stray_interrupts;
	struct disk devices[2];
};

#define CHANNEL_CNT 2
static struct channel channels[CHANNEL_CNT];

static void ide_interrupt (struct intr_frame *f);

/* Selects device D on its channel and gives it 400 ns (four reads of
   the alternate status register) to respond. */
static void select_device (struct disk *d) {
	struct channel *c = d->channel;
	outb (c->reg_base + REG_DEVICE, DEV_MBS | (d->dev_no ? DEV_DEV : 0));
	for (int i = 0; i < 4; i++)
		inb (c->reg_base + REG_CTL);
}

/* Waits (bounded) for BSY to clear; returns whether DRQ is set. */
static bool wait_while_busy (struct disk *d) {
	struct channel *c = d->channel;
	for (long i = 0; i < 10000000; i++) {
		uint8_t s = inb (c->reg_base + REG_CTL);
		if (!(s & STA_BSY))
			return (s & STA_DRQ) != 0;
	}
	printf ("%s: busy timeout\n", d->name);
	return false;
}

/* Waits (bounded) until the channel is neither busy nor requesting data. */
static void wait_until_idle (struct disk *d) {
	for (long i = 0; i < 10000000; i++)
		if ((inb (d->channel->reg_base + REG_STATUS) & (STA_BSY | STA_DRQ)) == 0)
			return;
	printf ("%s: idle timeout\n", d->name);
}

/* Soft-resets channel C (which also enables its interrupts: nIEN
   clear) and waits for each device that answers to finish. */
static void reset_channel (struct channel *c) {
	outb (c->reg_base + REG_CTL, CTL_SRST);
	timer_wait_ticks (1);
	outb (c->reg_base + REG_CTL, 0);
	timer_wait_ticks (1);
	for (int dev = 0; dev < 2; dev++) {
		struct disk *d = &c->devices[dev];
		select_device (d);
		if (inb (c->reg_base + REG_STATUS) != 0xff)
			wait_while_busy (d);
	}
}

/* A device is present if a register holds what we write to it, and
   is an ATA disk if it is ready and its post-reset signature (LBA
   mid/high) is 0/0 (ATAPI devices show 0x14/0xeb). */
static void check_device_type (struct disk *d) {
	struct channel *c = d->channel;
	select_device (d);
	uint8_t lbam = inb (c->reg_base + REG_LBAM);
	uint8_t lbah = inb (c->reg_base + REG_LBAH);
	uint8_t status = inb (c->reg_base + REG_STATUS);
	outb (c->reg_base + REG_NSECT, 0x5a);
	bool present = inb (c->reg_base + REG_NSECT) == 0x5a;
	d->is_ata = present && status != 0xff && (status & STA_DRDY) && !(status & STA_BSY)
		&& lbam == 0 && lbah == 0;
}

/* Writes COMMAND to C and waits for its completion interrupt.  For a
   write, DATA (512 bytes) is sent once the device asks for it, before
   the wait.  Returns false if the device did not ask for data when it
   had to. */
static bool run_command (struct disk *d, uint8_t command, const void *data) {
	struct channel *c = d->channel;
	bool old = intr_disable ();
	c->completed = false;
	c->expecting_interrupt = true;
	outb (c->reg_base + REG_COMMAND, command);
	bool ok = true;
	if (data != NULL) {
		ok = wait_while_busy (d);
		if (ok)
			outsw (c->reg_base + REG_DATA, data, DISK_SECTOR_SIZE / 2);
	}
	while (!c->completed)
		intr_wait ();
	intr_restore (old);
	return ok;
}

/* Reads D's IDENTIFY DEVICE data and takes its capacity (LBA28 sector
   count, words 60-61). */
static void identify (struct disk *d) {
	uint16_t id[256];
	wait_until_idle (d);
	select_device (d);
	wait_until_idle (d);
	run_command (d, CMD_IDENTIFY, NULL);
	if (!wait_while_busy (d)) {
		d->is_ata = false;
		return;
	}
	insw (d->channel->reg_base + REG_DATA, id, 256);
	d->capacity = id[60] | ((uint32_t) id[61] << 16);
}

/* Probes both channels and prints one line per ATA disk found. */
void ide_init (void) {
	for (int ch = 0; ch < CHANNEL_CNT; ch++) {
		struct channel *c = &channels[ch];
		c->name[0] = 'h', c->name[1] = 'd', c->name[2] = '0' + ch, c->name[3] = '\0';
		c->reg_base = ch == 0 ? 0x1f0 : 0x170;
		c->irq = ch == 0 ? 0x2e : 0x2f;
		for (int dev = 0; dev < 2; dev++) {
			struct disk *d = &c->devices[dev];
			d->name[0] = 'h', d->name[1] = 'd', d->name[2] = '0' + ch;
			d->name[3] = ':', d->name[4] = '0' + dev, d->name[5] = '\0';
			d->channel = c;
			d->dev_no = dev;
		}
		intr_register_ext (c->irq, ide_interrupt, c->name);
		reset_channel (c);
		check_device_type (&c->devices[0]);
		check_device_type (&c->devices[1]);
		for (int dev = 0; dev < 2; dev++) {
			struct disk *d = &c->devices[dev];
			if (d->is_ata)
				identify (d);
			if (d->is_ata)
				printf ("ide: %s: ATA disk\n", d->name);
			else
				printf ("ide: %s: none\n", d->name);
		}
	}
}

/* The ATA disk DEV_NO (0 master, 1 slave) on channel CHAN_NO, or NULL. */
struct disk *disk_get (int chan_no, int dev_no) {
	if (chan_no < 0 || chan_no >= CHANNEL_CNT || dev_no < 0 || dev_no > 1)
		return NULL;
	struct disk *d = &channels[chan_no].devices[dev_no];
	return d->is_ata ? d : NULL;
}

/* Capacity of D in sectors. */
disk_sector_t disk_size (struct disk *d) {
	return d->capacity;
}

/* D's name, "hdC:D". */
const char *disk_name (struct disk *d) {
	return d->name;
}

/* Selects D and programs a one-sector transfer at SEC (LBA28). */
static void select_sector (struct disk *d, disk_sector_t sec) {
	struct channel *c = d->channel;
	if (sec >= d->capacity)
		panic ("%s: sector %u beyond capacity %u", d->name, sec, d->capacity);
	wait_until_idle (d);
	select_device (d);
	wait_until_idle (d);
	outb (c->reg_base + REG_NSECT, 1);
	outb (c->reg_base + REG_LBAL, sec);
	outb (c->reg_base + REG_LBAM, sec >> 8);
	outb (c->reg_base + REG_LBAH, sec >> 16);
	outb (c->reg_base + REG_DEVICE, DEV_MBS | DEV_LBA | (d->dev_no ? DEV_DEV : 0) | ((sec >> 24) & 0xf));
}

/* Reads sector SEC of D into BUF (512 bytes). */
void disk_read (struct disk *d, disk_sector_t sec, void *buf) {
	select_sector (d, sec);
	run_command (d, CMD_READ, NULL);
	if (!wait_while_busy (d))
		panic ("%s: read of sector %u failed", d->name, sec);
	insw (d->channel->reg_base + REG_DATA, buf, DISK_SECTOR_SIZE / 2);
	d->read_cnt++;
}

/* Writes BUF (512 bytes) to sector SEC of D. */
void disk_write (struct disk *d, disk_sector_t sec, const void *buf) {
	select_sector (d, sec);
	if (!run_command (d, CMD_WRITE, buf))
		panic ("%s: write of sector %u failed", d->name, sec);
	d->write_cnt++;
}

/* IRQ 14 / 15: acknowledges the device (status read) and marks the
   channel's command complete. */
static void ide_interrupt (struct intr_frame *f) {
	for (int ch = 0; ch < CHANNEL_CNT; ch++) {
		struct channel *c = &channels[ch];
		if (f->vec_no != c->irq)
			continue;
		inb (c->reg_base + REG_STATUS);
		if (c->expecting_interrupt) {
			c->expecting_interrupt = false;
			c->completed = true;
		} else
			c->stray_interrupts++;
	}
}
