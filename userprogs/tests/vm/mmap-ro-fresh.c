/* mmap-ro-fresh: a write as the very first access to a read-only
   mapping (its page not loaded yet) kills the process. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-ro-fresh";

int
main (void)
{
  volatile char *map = MAP_ADDR;
  int fd;

  make_pattern_file ("data", 2 * PAGE_SIZE, 14);
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, 2 * PAGE_SIZE, 0, fd, 0) == MAP_ADDR,
         "read-only mmap");
  CHECK (!resident (MAP_ADDR + PAGE_SIZE), "its second page has no frame");
  msg ("write to it");
  map[PAGE_SIZE] = 0;
  fail ("the process survived");
}
