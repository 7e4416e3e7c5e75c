/* mmap-bad-fd: descriptors that are not open cannot be mapped: never
   opened ones, a closed one, negative and huge numbers. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-bad-fd";

int
main (void)
{
  static const int never[] = { 2, 7, 127, 4096, -1, 0x7fffffff };
  unsigned i;
  int fd;

  for (i = 0; i < sizeof never / sizeof never[0]; i++)
    CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, never[i], 0) == MAP_FAILED,
           "mmap of never-opened fd %d fails", never[i]);
  make_pattern_file ("data", PAGE_SIZE, 5);
  fd = open_or_fail ("data");
  close (fd);
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap of a closed fd fails");
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, fd, 0) == MAP_ADDR,
         "mmap of the reopened file works");
  return 0;
}
