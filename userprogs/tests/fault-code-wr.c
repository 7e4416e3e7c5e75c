/* fault-code-wr: user code writing to its own (read-only) code
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "fault-code-wr";

int
main (void)
{
  msg ("write to the first byte of main");
  *(volatile char *) main = 0;
  fail ("the process survived");
}
