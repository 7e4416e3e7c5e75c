/* swap-file-rw: a writable mapping of a 1.5 MiB file at -m 2 (191 user
   frames).  Every page is rewritten, so evicted pages are dirty and
   must be written back to the file before their frame is reused; they
   come back from the file with the new content.  After munmap the file
   holds the new content. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "swap-file-rw";

#define PAGES 384
#define STEP 97                         /* Prime: visits every page. */

int
main (void)
{
  unsigned long i, p;
  int fd;

  make_pattern_file ("big", PAGES * PAGE_SIZE, 31);
  fd = open_or_fail ("big");
  CHECK (mmap (MAP_ADDR, PAGES * PAGE_SIZE, 1, fd, 0) == MAP_ADDR,
         "writable mmap of a %d-page file", PAGES);
  for (p = 0; p < PAGES; p++)
    {
      char *page = MAP_ADDR + p * PAGE_SIZE;

      if (pattern_mismatch (page, PAGE_SIZE, 31, p * PAGE_SIZE) >= 0)
        fail ("page %lu does not hold the file's bytes", p);
      pattern_fill (page, PAGE_SIZE, 32, p * PAGE_SIZE);
    }
  msg ("checked and rewrote every page");
  for (i = 0; i < PAGES; i++)
    {
      p = i * STEP % PAGES;
      if (pattern_mismatch (MAP_ADDR + p * PAGE_SIZE, PAGE_SIZE, 32,
                            p * PAGE_SIZE) >= 0)
        fail ("page %lu lost its new content", p);
    }
  msg ("every page holds its new content");
  munmap (MAP_ADDR);
  check_pattern_file ("big", PAGES * PAGE_SIZE, 32);
  msg ("after munmap the file holds the new content");
  return 0;
}
