/* Deterministic checks of the four disks the pintos script attaches. */
#ifndef SYSTEST_DISKTEST_H
#define SYSTEST_DISKTEST_H

void disk_test (int argc);

#endif
