/* mmap-overlap: a mapping may not overlap another mapping: same start,
   reaching into it from below, starting inside it, lying inside it.
   Mappings right below and right above it work. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-overlap";

int
main (void)
{
  char *a = MAP_ADDR + 4 * PAGE_SIZE;   /* The first mapping: 4 pages. */
  int fd;

  make_pattern_file ("data", 4 * PAGE_SIZE, 10);
  fd = open_or_fail ("data");
  CHECK (mmap (a, 4 * PAGE_SIZE, 1, fd, 0) == a, "mmap 4 pages at %p", a);
  CHECK (mmap (a, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap at the same address fails");
  CHECK (mmap (a - 2 * PAGE_SIZE, 3 * PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap reaching into it from below fails");
  CHECK (mmap (a + 3 * PAGE_SIZE, 2 * PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap starting in its last page fails");
  CHECK (mmap (a + PAGE_SIZE, PAGE_SIZE, 0, fd, 0) == MAP_FAILED,
         "mmap inside it fails");
  CHECK (mmap (a - 4 * PAGE_SIZE, 4 * PAGE_SIZE, 1, fd, 0)
         == a - 4 * PAGE_SIZE, "mmap of the 4 pages right below works");
  CHECK (mmap (a + 4 * PAGE_SIZE, PAGE_SIZE, 1, fd, 0) == a + 4 * PAGE_SIZE,
         "mmap of the page right above works");
  CHECK (pattern_mismatch (a - 4 * PAGE_SIZE, 4 * PAGE_SIZE, 10, 0) < 0
         && pattern_mismatch (a, 4 * PAGE_SIZE, 10, 0) < 0
         && pattern_mismatch (a + 4 * PAGE_SIZE, PAGE_SIZE, 10, 0) < 0,
         "the three mappings show the file");
  return 0;
}
