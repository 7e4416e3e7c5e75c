/* mmap-ro: a read-only mapping (writable = 0) can be read; a write to
   it kills the process. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-ro";

int
main (void)
{
  volatile char *map = MAP_ADDR;
  int fd;

  make_pattern_file ("data", PAGE_SIZE, 13);
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 0, fd, 0) == MAP_ADDR,
         "read-only mmap");
  CHECK (map[5] == (char) pattern_byte (13, 5), "it can be read");
  msg ("write to it");
  map[5] = 0;
  fail ("the process survived");
}
