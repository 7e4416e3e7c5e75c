/* dup2-stdin: dup2 onto 0 makes read (0, ...) read the file instead
   of the keyboard. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "dup2-stdin";

int
main (void)
{
  char buf[16] = "";
  int fd;

  make_file ("in-file", "from a file", 11);
  fd = open_or_fail ("in-file");
  CHECK (dup2 (fd, 0) == 0, "dup2 (fd, 0) returns 0");
  msg ("read (0, buf, 11) returns %d: '%s'", read (0, buf, 11), buf);
  return 0;
}
