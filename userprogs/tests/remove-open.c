/* remove-open: removing an open file removes its name at once, while
   the open descriptor keeps reading and writing the old file.  The
   name can then be used for a new file. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "remove-open";

int
main (void)
{
  char buf[16] = "";
  int fd, fd2;

  make_file ("doomed", "still here", 10);
  fd = open_or_fail ("doomed");
  CHECK (remove ("doomed"), "remove the open file");
  CHECK (open ("doomed") == -1, "opening it by name fails");
  CHECK (read (fd, buf, 10) == 10 && strcmp (buf, "still here") == 0,
         "the descriptor still reads '%s'", buf);
  seek (fd, 0);
  CHECK (write (fd, "STILL", 5) == 5, "and still writes");
  CHECK (create ("doomed", 3), "a new file can take the name");
  fd2 = open_or_fail ("doomed");
  msg ("new file's size: %d, old file's size: %d", filesize (fd2),
       filesize (fd));
  seek (fd, 0);
  read (fd, buf, 10);
  msg ("old file now reads '%s'", buf);
  return 0;
}
