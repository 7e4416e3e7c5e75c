/* write-end: a write that reaches the end of the file stops there and
   returns the bytes written; the file keeps its size. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "write-end";

int
main (void)
{
  char buf[16] = "";
  int fd;

  make_file ("end-data", "01234567", 8);
  fd = open_or_fail ("end-data");
  seek (fd, 5);
  msg ("write of 6 at 5 returns %d", write (fd, "abcdef", 6));
  msg ("tell: %u, filesize: %d", tell (fd), filesize (fd));
  seek (fd, 0);
  read (fd, buf, sizeof buf);
  msg ("content: '%s'", buf);
  return 0;
}
