/* mmap-bad-off: mmap at a file offset that is not page-aligned fails;
   page-aligned offsets work and show the file from there. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-bad-off";

int
main (void)
{
  static const int offsets[] = { 1, 100, 4095, 4097, 8000 };
  unsigned i;
  int fd;

  make_pattern_file ("data", 3 * PAGE_SIZE, 4);
  fd = open_or_fail ("data");
  for (i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
    CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, fd, offsets[i]) == MAP_FAILED,
           "mmap at offset %d fails", offsets[i]);
  CHECK (mmap (MAP_ADDR, 2 * PAGE_SIZE, 1, fd, 8192) == MAP_ADDR,
         "mmap at offset 8192 works");
  CHECK (pattern_mismatch (MAP_ADDR, PAGE_SIZE, 4, 8192) < 0,
         "it shows the file's third page");
  CHECK (MAP_ADDR[PAGE_SIZE] == 0, "then zeros past the end of the file");
  return 0;
}
