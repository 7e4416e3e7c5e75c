/* mmap-ro-read: read() into a read-only mapping makes the kernel write
   to it: the process is killed. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-ro-read";

int
main (void)
{
  int fd, fd2;

  make_pattern_file ("data", PAGE_SIZE, 15);
  fd = open_or_fail ("data");
  fd2 = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 0, fd, 0) == MAP_ADDR,
         "read-only mmap");
  msg ("read() into it");
  read (fd2, MAP_ADDR, 100);
  fail ("the process survived");
}
