/* mmap-over-data: a mapping may not overlap the data segment, whether
   its pages were touched or not: a written .data page, an untouched
   .data page, an untouched .bss page. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-over-data";

static char touched[PAGE_SIZE] __attribute__ ((aligned (PAGE_SIZE))) = "t";
static char untouched[PAGE_SIZE] __attribute__ ((aligned (PAGE_SIZE))) = "u";
static char bss[4 * PAGE_SIZE] __attribute__ ((aligned (PAGE_SIZE)));

int
main (void)
{
  int fd;

  touched[1] = 'x';
  make_pattern_file ("data", 4 * PAGE_SIZE, 8);
  fd = open_or_fail ("data");
  CHECK (mmap (touched, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap over a written .data page fails");
  CHECK (!resident (untouched), "an untouched .data page has no frame");
  CHECK (mmap (untouched, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap over it fails");
  CHECK (!resident (bss + 2 * PAGE_SIZE), "an untouched .bss page has no frame");
  CHECK (mmap (bss + 2 * PAGE_SIZE, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap over it fails");
  CHECK (untouched[0] == 'u' && bss[2 * PAGE_SIZE] == 0,
         "those pages keep their content");
  return 0;
}
