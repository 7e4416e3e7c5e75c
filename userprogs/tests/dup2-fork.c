/* dup2-fork: a forked child keeps its descriptors duplicated: two
   descriptors that share a position in the parent share one in the
   child (each process has its own copy), and a console duplicate
   writes to the console. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "dup2-fork";

int
main (void)
{
  static const char line[] = "(dup2-fork) child writes through fd 7\n";
  char buf[4] = "";
  pid_t pid;
  int fd;

  make_file ("df-data", "0123456789", 10);
  fd = open_or_fail ("df-data");
  dup2 (fd, 12);
  dup2 (1, 7);
  pid = fork ("child");
  if (pid == 0)
    {
      read (fd, buf, 2);
      msg ("child read '%s' on fd; tell on 12: %u", buf, tell (12));
      read (12, buf, 2);
      msg ("child read '%s' on 12", buf);
      write (7, line, strlen (line));
      exit (0);
    }
  wait (pid);
  read (12, buf, 2);
  msg ("parent read '%s' on 12; tell on fd: %u", buf, tell (fd));
  return 0;
}
