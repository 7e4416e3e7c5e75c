/* dup2-bad: dup2 from a descriptor that is not open returns -1 and
   leaves newfd alone; dup2 of a descriptor onto itself returns it. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "dup2-bad";

int
main (void)
{
  char buf[4] = "";
  int fd;

  make_file ("bad-data", "abc", 3);
  fd = open_or_fail ("bad-data");
  msg ("dup2 (99, fd) returns %d", dup2 (99, fd));
  msg ("dup2 (-1, fd) returns %d", dup2 (-1, fd));
  CHECK (read (fd, buf, 3) == 3, "fd still reads '%s'", buf);
  CHECK (dup2 (fd, fd) == fd, "dup2 (fd, fd) returns fd");
  CHECK (filesize (fd) == 3, "and fd is still open");
  return 0;
}
