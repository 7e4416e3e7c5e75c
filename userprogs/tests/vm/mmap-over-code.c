/* mmap-over-code: a mapping may not overlap the code segment: not at
   its first page, not at the page of main, not reaching into it from
   below.  The code keeps running after the failed calls. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-over-code";

int
main (void)
{
  char *code = (char *) 0x400000;
  int fd;

  make_pattern_file ("data", 4 * PAGE_SIZE, 7);
  fd = open_or_fail ("data");
  CHECK (mmap (code, PAGE_SIZE, 0, fd, 0) == MAP_FAILED,
         "mmap at 0x400000 fails");
  CHECK (mmap (PAGE_OF (main), PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap at the page of main fails");
  CHECK (mmap (code - 2 * PAGE_SIZE, 3 * PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap of 3 pages ending in the first code page fails");
  CHECK (mmap (code - 2 * PAGE_SIZE, 2 * PAGE_SIZE, 1, fd, 0)
         == code - 2 * PAGE_SIZE, "mmap of the 2 pages just below works");
  CHECK (code[0] == 0x7f && code[1] == 'E', "the code page is unchanged");
  return 0;
}
