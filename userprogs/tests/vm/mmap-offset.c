/* mmap-offset: a mapping at file offset 8192 shows the file from there;
   writes through it land at that offset of the file. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-offset";

int
main (void)
{
  static char back[4];
  char *map = MAP_ADDR;
  int fd;

  make_pattern_file ("data", 5 * PAGE_SIZE, 24);
  fd = open_or_fail ("data");
  CHECK (mmap (map, 2 * PAGE_SIZE, 1, fd, 2 * PAGE_SIZE) == map,
         "mmap 2 pages at offset 8192");
  CHECK (pattern_mismatch (map, 2 * PAGE_SIZE, 24, 2 * PAGE_SIZE) < 0,
         "it shows the file's pages 2 and 3");
  map[PAGE_SIZE + 10] = 'o';
  map[PAGE_SIZE + 11] = 'f';
  map[PAGE_SIZE + 12] = 'f';
  munmap (map);
  seek (fd, 3 * PAGE_SIZE + 10);
  CHECK (read (fd, back, 3) == 3 && back[0] == 'o' && back[1] == 'f'
         && back[2] == 'f', "a write at mapping offset 4106 is at file offset 12298");
  return 0;
}
