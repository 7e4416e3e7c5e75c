#include "rtc.h"
#include "console.h"
#include "intr.h"
#include "io.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define NMI_OFF    0x80

/* Reads CMOS register REG (NMI stays disabled while indexing). */
static uint8_t cmos_read (uint8_t reg) {
	outb (CMOS_INDEX, NMI_OFF | reg);
	return inb (CMOS_DATA);
}

/* Converts a clock field to binary; BCD unless register B bit 2. */
static int field (uint8_t v, uint8_t reg_b) {
	return (reg_b & 0x04) ? v : (v >> 4) * 10 + (v & 0x0f);
}

/* Checks the clock without printing the time: register D says the
   CMOS is powered (bit 7), and after waiting out an update cycle
   (register A bit 7) the seconds, minutes, hours, day and month read
   are in range. */
void rtc_test (void) {
	bool old = intr_disable ();
	uint8_t d = cmos_read (0x0d);
	int i;
	for (i = 0; i < 1000000 && (cmos_read (0x0a) & 0x80); i++)
		continue;
	uint8_t b = cmos_read (0x0b);
	int sec = field (cmos_read (0x00), b);
	int min = field (cmos_read (0x02), b);
	int hour = field (cmos_read (0x04) & 0x7f, b);
	int day = field (cmos_read (0x07), b);
	int mon = field (cmos_read (0x08), b);
	intr_restore (old);
	bool ok = sec < 60 && min < 60 && hour < 24 && day >= 1 && day <= 31
		&& mon >= 1 && mon <= 12;
	printf ("rtc: cmos %s, clock fields %s\n",
			(d & 0x80) ? "valid" : "INVALID", ok ? "in range" : "OUT OF RANGE");
}
