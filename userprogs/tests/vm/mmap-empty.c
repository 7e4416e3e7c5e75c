/* mmap-empty: a file of length 0 cannot be mapped, at any length. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-empty";

int
main (void)
{
  int fd;

  CHECK (create ("empty", 0), "create \"empty\" of 0 bytes");
  fd = open_or_fail ("empty");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap of one page of it fails");
  CHECK (mmap (MAP_ADDR, 1, 0, fd, 0) == MAP_FAILED,
         "read-only mmap of one byte of it fails");
  CHECK (mmap (MAP_ADDR, 10 * PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap of ten pages of it fails");
  return 0;
}
