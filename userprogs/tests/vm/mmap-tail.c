/* mmap-tail: in a mapping of a 10,000-byte file, the bytes of the last
   page past the end of the file read as zeros.  Writing there does not
   grow the file: after munmap it is still 10,000 bytes, with the writes
   before the end kept. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-tail";

#define SIZE 10000

int
main (void)
{
  char *map = MAP_ADDR;
  int fd, i, nonzero = 0;
  char last;

  make_pattern_file ("data", SIZE, 12);
  fd = open_or_fail ("data");
  CHECK (mmap (map, SIZE, 1, fd, 0) == map, "mmap a %d-byte file", SIZE);
  CHECK (pattern_mismatch (map, SIZE, 12, 0) < 0, "the file's bytes match");
  for (i = SIZE; i < 3 * (int) PAGE_SIZE; i++)
    nonzero += map[i] != 0;
  CHECK (nonzero == 0, "the %d bytes past the end read as zeros",
         3 * (int) PAGE_SIZE - SIZE);
  for (i = SIZE; i < 3 * (int) PAGE_SIZE; i++)
    map[i] = 'z';
  map[SIZE - 1] = 'L';
  munmap (map);
  msg ("wrote past the end and at the last byte, then munmap");

  CHECK (filesize (fd) == SIZE, "the file is still %d bytes", SIZE);
  seek (fd, SIZE - 1);
  CHECK (read (fd, &last, 1) == 1 && last == 'L', "its last byte was written");
  CHECK (read (fd, &last, 1) == 0, "there is nothing after it");
  return 0;
}
