/* deny-target: run by deny-exec.  Checks that its own executable is
   write-denied while it runs. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "deny-target";

int
main (void)
{
  int fd = open_or_fail ("deny-target");

  msg ("write to my own executable returns %d", write (fd, "junk", 4));
  return 0;
}
