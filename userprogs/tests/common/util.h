/* util.h: functions shared by the system-call tests in tests/. */
#ifndef USERPROGS_TESTS_UTIL_H
#define USERPROGS_TESTS_UTIL_H

#include <stdint.h>
#include "files.h"

/* Top of the user stack; the page above it is never mapped. */
#define USER_STACK 0x47480000UL
/* First kernel address. */
#define KERN_BASE 0x8004000000UL
/* A user address no test program ever maps. */
#define UNMAPPED_ADDR 0x10000000UL
#define PAGE_SIZE 4096

/* Prints argc, every argv[i] and whether argv[argc] is NULL. */
void print_args (int argc, char *argv[]);

/* Issues system call NR with argument A1 directly (no wrapper). */
long raw_syscall (long nr, long a1);

#endif /* util.h */
