/* mmap-unmap: after munmap the mapping's pages are gone: a read there
   kills the process. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-unmap";

int
main (void)
{
  volatile char *map = MAP_ADDR;
  int fd;

  make_pattern_file ("data", 2 * PAGE_SIZE, 21);
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, 2 * PAGE_SIZE, 1, fd, 0) == MAP_ADDR, "mmap 2 pages");
  CHECK (map[0] == (char) pattern_byte (21, 0), "read its first page");
  munmap (MAP_ADDR);
  CHECK (!resident (MAP_ADDR), "after munmap it has no frame");
  msg ("read the second page");
  msg ("read %d", map[PAGE_SIZE]);
  fail ("the process survived");
}
