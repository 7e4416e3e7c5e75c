/* deny-fork: after a forked child exits, the parent's executable is
   still write-denied, because the parent still runs it; the child
   could not write to it either. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "deny-fork";

int
main (void)
{
  pid_t pid = fork ("child");
  int fd;

  if (pid == 0)
    {
      fd = open_or_fail ("deny-fork");
      exit (write (fd, "junk", 4));
    }
  msg ("the child's write returned %d", wait (pid));
  fd = open_or_fail ("deny-fork");
  msg ("after the child exits, my write returns %d", write (fd, "junk", 4));
  return 0;
}
