/* stk-syscall: the kernel grows the stack when a system call touches a
   fresh stack buffer: write() from 16 KiB of untouched locals (which
   read as zeros), then read() into 64 KiB of untouched locals. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-syscall";

#define BIG (64 * 1024)
#define SMALL (16 * 1024)

/* Reads file "in" into a fresh local buffer and checks it. */
static void
read_fresh (void)
{
  unsigned char buf[BIG];
  int i, absent = 0, fd;

  for (i = PAGE_SIZE; i < BIG - (int) PAGE_SIZE; i += PAGE_SIZE)
    absent += !resident (buf + i);
  CHECK (absent == BIG / PAGE_SIZE - 2,
         "the buffer's inner pages have no frame");
  fd = open_or_fail ("in");
  CHECK (read (fd, buf, BIG) == BIG, "read() fills the fresh buffer");
  close (fd);
  CHECK (pattern_mismatch (buf, BIG, 1, 0) < 0,
         "the buffer holds the file's content");
}

/* Writes a fresh local buffer to file "out" and checks the file. */
static void
write_fresh (void)
{
  unsigned char buf[SMALL];
  static unsigned char back[SMALL];
  int fd, i, nonzero = 0;

  for (i = PAGE_SIZE; i < SMALL - (int) PAGE_SIZE; i += PAGE_SIZE)
    nonzero += resident (buf + i);
  CHECK (nonzero == 0, "the inner pages of a 16 KiB buffer have no frame");
  CHECK (create ("out", SMALL), "create \"out\"");
  fd = open_or_fail ("out");
  CHECK (write (fd, buf, SMALL) == SMALL, "write() from a fresh buffer");
  seek (fd, 0);
  memset (back, 0xff, SMALL);
  CHECK (read (fd, back, SMALL) == SMALL, "read the file back");
  close (fd);
  for (i = 0; i < SMALL; i++)
    nonzero += back[i] != 0;
  CHECK (nonzero == 0, "the file holds zeros");
}

/* Calls read_fresh with 32 KiB of untouched stack above its frame, so
   its buffer lies below every page write_fresh used. */
static void
below_used_stack (void)
{
  char pad[32 * 1024];

  __asm__ volatile ("" : : "r" (pad) : "memory");
  read_fresh ();
}

int
main (void)
{
  write_fresh ();
  make_pattern_file ("in", BIG, 1);
  below_used_stack ();
  return 0;
}
