/* fork-fds: the child inherits a copy of each open file at its
   position; reads in the child do not move the parent's position
   (Pintos duplicates the file, it does not share it). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "fork-fds";

int
main (void)
{
  char buf[4] = "";
  pid_t pid;
  int fd;

  make_file ("fds-data", "abcdefghij", 10);
  fd = open_or_fail ("fds-data");
  read (fd, buf, 3);
  msg ("parent read '%s'", buf);
  pid = fork ("reader");
  if (pid == 0)
    {
      read (fd, buf, 3);
      msg ("child read '%s'", buf);
      exit (0);
    }
  wait (pid);
  read (fd, buf, 3);
  msg ("parent then read '%s'", buf);
  return 0;
}
