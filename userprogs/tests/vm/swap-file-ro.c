/* swap-file-ro: a read-only mapping of a 2 MiB file at -m 2 (191 user
   frames).  Reading it all evicts its own clean pages, which are
   dropped (not written anywhere) and read again from the file when
   touched again: two passes in different orders see the file's bytes. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "swap-file-ro";

#define PAGES 512
#define STEP 101                        /* Prime: visits every page. */

/* Fails unless page P of the mapping holds the file's bytes. */
static void
check_page (unsigned long p)
{
  long bad = pattern_mismatch (MAP_ADDR + p * PAGE_SIZE, PAGE_SIZE, 30,
                               p * PAGE_SIZE);

  if (bad >= 0)
    fail ("mapped page %lu byte %ld is wrong", p, bad);
}

int
main (void)
{
  unsigned long i;
  int fd;

  make_pattern_file ("big", PAGES * PAGE_SIZE, 30);
  fd = open_or_fail ("big");
  CHECK (mmap (MAP_ADDR, PAGES * PAGE_SIZE, 0, fd, 0) == MAP_ADDR,
         "read-only mmap of a %d-page file", PAGES);
  for (i = 0; i < PAGES; i++)
    check_page (i);
  msg ("every page read in order");
  for (i = 0; i < PAGES; i++)
    check_page (i * STEP % PAGES);
  msg ("every page read again, scattered");
  munmap (MAP_ADDR);
  check_pattern_file ("big", PAGES * PAGE_SIZE, 30);
  msg ("the file is unchanged");
  return 0;
}
