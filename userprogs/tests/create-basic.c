/* create-basic: create makes a file of the given size, zero-filled;
   a size of 0 makes an empty file. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "create-basic";

int
main (void)
{
  char buf[200];
  int fd, n, i, nonzero = 0;

  CHECK (create ("sized", 100), "create \"sized\" with 100 bytes");
  fd = open_or_fail ("sized");
  CHECK (filesize (fd) == 100, "its size is %d", filesize (fd));
  n = read (fd, buf, sizeof buf);
  for (i = 0; i < n; i++)
    nonzero += buf[i] != 0;
  CHECK (n == 100 && nonzero == 0, "it reads as %d bytes, %d of them nonzero",
         n, nonzero);

  CHECK (create ("empty", 0), "create \"empty\" with 0 bytes");
  fd = open_or_fail ("empty");
  CHECK (filesize (fd) == 0, "its size is %d", filesize (fd));
  CHECK (read (fd, buf, sizeof buf) == 0, "reading it returns 0");
  return 0;
}
