/* mmap-twice: one descriptor mapped twice, read-only and writable, at
   two addresses; a second file mapped too.  Each mapping shows its
   file; unmapping one leaves the others intact. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-twice";

int
main (void)
{
  char *a = MAP_ADDR, *b = MAP_ADDR2, *c = MAP_ADDR2 + 16 * PAGE_SIZE;
  int fd, fd2;

  make_pattern_file ("one", 2 * PAGE_SIZE, 22);
  make_pattern_file ("two", 3 * PAGE_SIZE, 23);
  fd = open_or_fail ("one");
  fd2 = open_or_fail ("two");
  CHECK (mmap (a, 2 * PAGE_SIZE, 0, fd, 0) == a, "map \"one\" read-only at %p", a);
  CHECK (mmap (b, 2 * PAGE_SIZE, 1, fd, 0) == b, "map \"one\" again at %p", b);
  CHECK (mmap (c, 3 * PAGE_SIZE, 1, fd2, 0) == c, "map \"two\" at %p", c);
  close (fd);
  close (fd2);
  CHECK (pattern_mismatch (a, 2 * PAGE_SIZE, 22, 0) < 0
         && pattern_mismatch (b, 2 * PAGE_SIZE, 22, 0) < 0,
         "both mappings of \"one\" show it");
  CHECK (pattern_mismatch (c, 3 * PAGE_SIZE, 23, 0) < 0,
         "the mapping of \"two\" shows it");
  munmap (b);
  CHECK (!resident (b) && resident (a) && resident (c),
         "after unmapping the second, the others keep their frames");
  CHECK (pattern_mismatch (a, 2 * PAGE_SIZE, 22, 0) < 0
         && pattern_mismatch (c, 3 * PAGE_SIZE, 23, 0) < 0,
         "and their content");
  return 0;
}
