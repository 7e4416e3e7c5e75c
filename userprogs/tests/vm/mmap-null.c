/* mmap-null: mmap at address 0 fails; the same file maps fine at a
   page-aligned address. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-null";

int
main (void)
{
  int fd;

  make_pattern_file ("data", 3000, 1);
  fd = open_or_fail ("data");
  CHECK (mmap (NULL, 3000, 1, fd, 0) == MAP_FAILED, "mmap at 0 fails");
  CHECK (mmap (NULL, 3000, 0, fd, 0) == MAP_FAILED,
         "read-only mmap at 0 fails");
  CHECK (mmap (MAP_ADDR, 3000, 1, fd, 0) == MAP_ADDR,
         "mmap of the same file at %p works", MAP_ADDR);
  CHECK (pattern_mismatch (MAP_ADDR, 3000, 1, 0) < 0,
         "and shows the file");
  return 0;
}
