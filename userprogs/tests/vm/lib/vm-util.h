/* vm-util.h: constants and functions shared by the virtual-memory
   tests in tests/vm/. */
#ifndef USERPROGS_TESTS_VM_UTIL_H
#define USERPROGS_TESTS_VM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <syscall.h>
#include "../../common/files.h"

#define PAGE_SIZE 4096UL
/* Top of the user stack; the stack may grow down to STACK_BOTTOM. */
#define USER_STACK 0x47480000UL
#define STACK_BOTTOM (USER_STACK - 1024 * 1024)
/* First kernel address. */
#define KERN_BASE 0x8004000000UL
/* Addresses no test program uses for anything but its own mappings. */
#define MAP_ADDR ((char *) 0x10000000)
#define MAP_ADDR2 ((char *) 0x20000000)

/* The page containing address P. */
#define PAGE_OF(P) ((void *) ((unsigned long) (P) & ~(PAGE_SIZE - 1)))

/* Word INDEX of the data stream named SEED: a cheap hash, different
   for every word within a page and across pages. */
unsigned long pattern_word (unsigned seed, unsigned long index);

/* The byte at position POS of stream SEED: byte POS % 8 (little
   endian) of word POS / 8. */
unsigned char pattern_byte (unsigned seed, unsigned long pos);

/* Fills the LEN bytes at BUF with stream SEED starting at position POS. */
void pattern_fill (void *buf, size_t len, unsigned seed, unsigned long pos);

/* Returns the offset of the first byte of BUF (LEN bytes) that differs
   from stream SEED starting at position POS, or -1 if none does. */
long pattern_mismatch (const void *buf, size_t len, unsigned seed,
                       unsigned long pos);

/* Creates file NAME of SIZE bytes holding stream SEED; fails the test
   if any step does not work. */
void make_pattern_file (const char *name, unsigned long size, unsigned seed);

/* Fails unless file NAME holds stream SEED from its first byte to its
   SIZE-th byte, and is exactly SIZE bytes long. */
void check_pattern_file (const char *name, unsigned long size, unsigned seed);

/* Tells whether the page holding ADDR has a frame (int $0x42). */
bool resident (const void *addr);

/* The current stack pointer. */
unsigned long read_rsp (void);

/* Forks a child named NAME that runs BODY (ARG) and exits with its
   result; returns the child's pid (fails the test if fork fails). */
pid_t spawn (const char *name, int (*body) (int), int arg);

#endif /* vm-util.h */
