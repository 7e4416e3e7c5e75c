/* rw-zero: reads and writes of 0 bytes return 0 and move nothing. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "rw-zero";

int
main (void)
{
  char buf[4] = "xyz";
  int fd;

  make_file ("zero-data", "abc", 3);
  fd = open_or_fail ("zero-data");
  CHECK (read (fd, buf, 0) == 0, "read of 0 bytes returns 0");
  CHECK (write (fd, buf, 0) == 0, "write of 0 bytes returns 0");
  CHECK (tell (fd) == 0, "the position is still 0");
  CHECK (write (1, buf, 0) == 0, "write of 0 bytes to the console returns 0");
  CHECK (buf[0] == 'x', "the buffer is untouched");
  return 0;
}
