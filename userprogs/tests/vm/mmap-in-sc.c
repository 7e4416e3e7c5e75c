/* mmap-in-sc: system calls on mapped pages not loaded yet.  write()
   from a fresh mapping makes the kernel load its pages; read() into a
   fresh writable mapping loads them and dirties them, so they are
   written back at munmap. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-in-sc";

#define PAGES 3

int
main (void)
{
  int src, dst, copy;

  make_pattern_file ("src", PAGES * PAGE_SIZE, 34);
  make_pattern_file ("dst", PAGES * PAGE_SIZE, 35);
  CHECK (create ("copy", PAGES * PAGE_SIZE), "create \"copy\"");
  src = open_or_fail ("src");
  dst = open_or_fail ("dst");
  copy = open_or_fail ("copy");
  CHECK (mmap (MAP_ADDR, PAGES * PAGE_SIZE, 0, src, 0) == MAP_ADDR,
         "map \"src\" read-only");
  CHECK (!resident (MAP_ADDR), "its first page has no frame");
  CHECK (write (copy, MAP_ADDR, PAGES * PAGE_SIZE) == PAGES * (int) PAGE_SIZE,
         "write() from the whole mapping to \"copy\"");
  check_pattern_file ("copy", PAGES * PAGE_SIZE, 34);
  msg ("\"copy\" holds the content of \"src\"");

  CHECK (mmap (MAP_ADDR2, PAGES * PAGE_SIZE, 1, dst, 0) == MAP_ADDR2,
         "map \"dst\" writable");
  CHECK (!resident (MAP_ADDR2), "its first page has no frame");
  seek (copy, 0);
  CHECK (read (copy, MAP_ADDR2, PAGES * PAGE_SIZE) == PAGES * (int) PAGE_SIZE,
         "read() \"copy\" into the whole mapping");
  munmap (MAP_ADDR2);
  check_pattern_file ("dst", PAGES * PAGE_SIZE, 34);
  msg ("after munmap \"dst\" holds the content of \"src\"");
  return 0;
}
