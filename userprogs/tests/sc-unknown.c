/* sc-unknown: system call number 99, which does not exist
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "sc-unknown";

int
main (void)
{
  msg ("system call 99");
  raw_syscall (99, 0);
  fail ("the process survived");
}
