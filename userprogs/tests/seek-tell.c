/* seek-tell: seek sets the position and tell reports it.  Files do not
   grow: past the end, reads return 0 and writes write nothing. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "seek-tell";

int
main (void)
{
  char buf[16] = "";
  int fd;

  make_file ("seek-data", "0123456789", 10);
  fd = open_or_fail ("seek-data");
  msg ("tell after open: %u", tell (fd));
  seek (fd, 4);
  msg ("tell after seek 4: %u", tell (fd));
  read (fd, buf, 3);
  msg ("read 3: '%s', tell: %u", buf, tell (fd));
  seek (fd, 10);
  msg ("at the end: read returns %d", read (fd, buf, 5));
  seek (fd, 50);
  msg ("tell after seek 50: %u", tell (fd));
  msg ("past the end: write returns %d", write (fd, "x", 1));
  msg ("past the end: read returns %d", read (fd, buf, 5));
  msg ("filesize is still %d", filesize (fd));
  seek (fd, 0);
  read (fd, buf, 10);
  msg ("content: '%s'", buf);
  return 0;
}
