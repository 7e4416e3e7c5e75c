/* mmap-basic: a 5-page file mapped at 0x10000000 is loaded lazily:
   no page has a frame after mmap, touching one page loads only that
   page, and every page shows the file's bytes. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-basic";

#define PAGES 5

/* Counts the mapping's pages with a frame. */
static int
count_resident (void)
{
  int p, n = 0;

  for (p = 0; p < PAGES; p++)
    n += resident (MAP_ADDR + p * PAGE_SIZE);
  return n;
}

int
main (void)
{
  int fd;

  make_pattern_file ("data", PAGES * PAGE_SIZE, 11);
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, PAGES * PAGE_SIZE, 1, fd, 0) == MAP_ADDR,
         "mmap %d pages at %p", PAGES, MAP_ADDR);
  CHECK (count_resident () == 0, "no page has a frame yet");
  CHECK (MAP_ADDR[3 * PAGE_SIZE + 17] == (char) pattern_byte (11, 3 * PAGE_SIZE + 17),
         "a byte of page 3 matches the file");
  CHECK (count_resident () == 1 && resident (MAP_ADDR + 3 * PAGE_SIZE),
         "only page 3 has a frame");
  CHECK (pattern_mismatch (MAP_ADDR, PAGES * PAGE_SIZE, 11, 0) < 0,
         "all %d pages match the file", PAGES);
  CHECK (count_resident () == PAGES, "all pages have frames");
  munmap (MAP_ADDR);
  CHECK (count_resident () == 0, "after munmap no page has a frame");
  return 0;
}
