/* sc-nr-huge: system call number 0x100000000: all of rax is the number, so this
   is not halt (0) but an unknown call
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "sc-nr-huge";

int
main (void)
{
  msg ("system call 0x100000000");
  raw_syscall (0x100000000L, 0);
  fail ("the process survived");
}
