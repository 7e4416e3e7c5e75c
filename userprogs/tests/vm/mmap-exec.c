/* mmap-exec: exec drops the mappings of the old image, writing their
   dirty pages back.  The process maps "data", writes through the
   mapping and execs mmap-exec-new, which finds nothing mapped at the
   old address, maps the file there itself and sees the writes. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-exec";

int
main (void)
{
  int fd;

  make_pattern_file ("data", 3 * PAGE_SIZE, 26);
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, 3 * PAGE_SIZE, 1, fd, 0) == MAP_ADDR, "mmap 3 pages");
  pattern_fill (MAP_ADDR + PAGE_SIZE, PAGE_SIZE, 27, PAGE_SIZE);
  msg ("rewrote page 1, now exec");
  exec ("mmap-exec-new");
  fail ("exec failed");
}
