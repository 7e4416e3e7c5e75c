/* The MC146818 real-time clock / CMOS (ports 0x70/0x71). */
#ifndef SYSTEST_RTC_H
#define SYSTEST_RTC_H

void rtc_test (void);

#endif
