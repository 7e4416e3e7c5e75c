/* mmap-over-stk: a mapping may not overlap the stack: not the first
   stack page, not a page the stack grew into, not a range reaching into
   the stack from below. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-over-stk";

/* One of the bytes grow_stack wrote. */
static volatile char *grown;

/* Writes 1 into every page of 64 KiB of stack below the caller. */
static void
grow_stack (void)
{
  volatile char area[64 * 1024];
  int i;

  for (i = 0; i < (int) sizeof area; i += PAGE_SIZE)
    area[i] = 1;
  /* Through asm: the address outlives the frame on purpose. */
  __asm__ ("" : "=r" (grown) : "0" (area + PAGE_SIZE));
}

int
main (void)
{
  char *first = (char *) (USER_STACK - PAGE_SIZE);
  int fd;

  grow_stack ();
  make_pattern_file ("data", 4 * PAGE_SIZE, 9);
  fd = open_or_fail ("data");
  CHECK (mmap (first, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap over the first stack page fails");
  CHECK (resident ((void *) grown), "a grown stack page has a frame");
  CHECK (mmap (PAGE_OF (grown), PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap over it fails");
  CHECK (mmap (first - 2 * PAGE_SIZE, 3 * PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap of 3 pages ending in the first stack page fails");
  CHECK (*grown == 1, "the grown page keeps its content");
  return 0;
}
