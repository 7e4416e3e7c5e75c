/* dup2-share: dup2 returns newfd, and the two descriptors share one
   file position: reads and seeks through either move both. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "dup2-share";

int
main (void)
{
  char buf[4] = "";
  int fd;

  make_file ("dup-data", "abcdefghij", 10);
  fd = open_or_fail ("dup-data");
  msg ("dup2 (fd, 20) returns %d", dup2 (fd, 20));
  read (fd, buf, 3);
  msg ("read 3 on fd: '%s'; tell on 20: %u", buf, tell (20));
  read (20, buf, 3);
  msg ("read 3 on 20: '%s'; tell on fd: %u", buf, tell (fd));
  seek (20, 1);
  read (fd, buf, 2);
  buf[2] = '\0';
  msg ("after seek 1 on 20, read 2 on fd: '%s'", buf);
  return 0;
}
