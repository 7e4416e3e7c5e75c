/* bad-hole-wr: write() from a buffer whose first and last pages are
   mapped (two one-page file mappings) but whose middle page is not
   kills the process with exit(-1).  Checking only the two ends of a
   buffer is not enough. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-hole-wr";

static char page[PAGE_SIZE];

int
main (void)
{
  char *first = (char *) UNMAPPED_ADDR;
  char *third = first + 2 * PAGE_SIZE;
  int fd;

  memset (page, 'x', sizeof page);
  make_file ("hole-data", page, sizeof page);
  fd = open_or_fail ("hole-data");
  CHECK (mmap (first, PAGE_SIZE, 0, fd, 0) == first, "map page 1 of 3");
  CHECK (mmap (third, PAGE_SIZE, 0, fd, 0) == third, "map page 3 of 3");
  msg ("write 4296 bytes from page 1 through the hole into page 3");
  write (1, first + 4000, 4296);
  fail ("the process survived");
}
