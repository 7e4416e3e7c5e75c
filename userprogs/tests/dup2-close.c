/* dup2-close: closing one of two duplicated descriptors leaves the
   other working, for a file and for the console. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "dup2-close";

int
main (void)
{
  static const char line[] = "(dup2-close) fd 5 still writes to the console\n";
  char buf[4] = "";
  int fd, lost;

  make_file ("close-data", "abc", 3);
  fd = open_or_fail ("close-data");
  dup2 (fd, 9);
  close (fd);
  CHECK (read (9, buf, 3) == 3, "after closing fd, fd 9 reads '%s'", buf);
  close (9);
  CHECK (read (9, buf, 3) == -1, "after closing 9 too, it reads -1");

  dup2 (1, 5);
  close (1);
  lost = write (1, "lost\n", 5);
  write (5, line, strlen (line));
  dup2 (5, 1);
  msg ("write to the closed fd 1 returned %d", lost);
  return 0;
}
