/* read-end: a read that reaches the end of the file returns only the
   bytes that are there; the next read returns 0. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "read-end";

int
main (void)
{
  char buf[16] = "";
  int fd;

  make_file ("end-data", "0123456789", 10);
  fd = open_or_fail ("end-data");
  seek (fd, 7);
  msg ("read of 10 at 7 returns %d", read (fd, buf, 10));
  msg ("bytes read: '%s'", buf);
  msg ("next read returns %d", read (fd, buf, 10));
  return 0;
}
