/* sc-nr-25: system call number 25, one past the last one (umount, 24)
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "sc-nr-25";

int
main (void)
{
  msg ("system call 25");
  raw_syscall (25, 0);
  fail ("the process survived");
}
