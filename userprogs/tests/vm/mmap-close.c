/* mmap-close: a mapping outlives the descriptor it was made from.
   After close(fd) it still reads the file and takes writes, which reach
   the file at munmap. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-close";

int
main (void)
{
  char *map = MAP_ADDR;
  int fd;

  make_pattern_file ("data", 2 * PAGE_SIZE, 16);
  fd = open_or_fail ("data");
  CHECK (mmap (map, 2 * PAGE_SIZE, 1, fd, 0) == map, "mmap 2 pages");
  close (fd);
  msg ("closed the file");
  CHECK (pattern_mismatch (map, 2 * PAGE_SIZE, 16, 0) < 0,
         "the mapping still shows the file");
  pattern_fill (map, 2 * PAGE_SIZE, 17, 0);
  munmap (map);
  msg ("rewrote the mapping, then munmap");
  check_pattern_file ("data", 2 * PAGE_SIZE, 17);
  msg ("the file holds what was written");
  return 0;
}
