/* mmap-zero-len: mmap of length 0 fails and maps nothing. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-zero-len";

int
main (void)
{
  int fd;

  make_pattern_file ("data", 100, 3);
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, 0, 1, fd, 0) == MAP_FAILED, "mmap of length 0 fails");
  CHECK (mmap (MAP_ADDR, 0, 0, fd, 0) == MAP_FAILED,
         "read-only mmap of length 0 fails");
  CHECK (mmap (MAP_ADDR, 1, 0, fd, 0) == MAP_ADDR, "mmap of length 1 works");
  CHECK (MAP_ADDR[0] == (char) pattern_byte (3, 0) && MAP_ADDR[1] == 0,
         "it holds the file's first byte, then zeros");
  return 0;
}
