/* mmap-unalign: mmap at an address that is not page-aligned fails and
   leaves nothing mapped: the aligned address below maps fine after. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-unalign";

int
main (void)
{
  static const unsigned long offsets[] = { 1, 8, 0x800, 0xfff };
  unsigned i;
  int fd;

  make_pattern_file ("data", 2 * PAGE_SIZE, 2);
  fd = open_or_fail ("data");
  for (i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
    CHECK (mmap (MAP_ADDR + offsets[i], PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
           "mmap at %p fails", MAP_ADDR + offsets[i]);
  CHECK (mmap (MAP_ADDR, 2 * PAGE_SIZE, 1, fd, 0) == MAP_ADDR,
         "mmap at %p works", MAP_ADDR);
  CHECK (pattern_mismatch (MAP_ADDR, 2 * PAGE_SIZE, 2, 0) < 0,
         "and shows the file");
  return 0;
}
