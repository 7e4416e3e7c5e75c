/* mmap-remove: a mapping outlives the file's name.  After the file is
   closed and removed, the mapping still reads and writes; a new file
   created under the same name is a different file. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-remove";

int
main (void)
{
  char *map = MAP_ADDR;
  int fd;

  make_pattern_file ("data", 3 * PAGE_SIZE, 18);
  fd = open_or_fail ("data");
  CHECK (mmap (map, 3 * PAGE_SIZE, 1, fd, 0) == map, "mmap 3 pages");
  close (fd);
  CHECK (remove ("data"), "close and remove \"data\"");
  CHECK (open ("data") == -1, "it can no longer be opened");
  CHECK (pattern_mismatch (map, 3 * PAGE_SIZE, 18, 0) < 0,
         "the mapping still shows the file");
  make_pattern_file ("data", PAGE_SIZE, 19);
  msg ("created a new \"data\"");
  pattern_fill (map, 3 * PAGE_SIZE, 20, 0);
  CHECK (pattern_mismatch (map, 3 * PAGE_SIZE, 20, 0) < 0,
         "the mapping takes writes");
  munmap (map);
  check_pattern_file ("data", PAGE_SIZE, 19);
  msg ("after munmap the new \"data\" is unchanged");
  return 0;
}
