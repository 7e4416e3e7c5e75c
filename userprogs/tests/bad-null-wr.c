/* bad-null-wr: write() from a NULL buffer
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-null-wr";

int
main (void)
{
  msg ("write from a NULL buffer");
  write (1, NULL, 8);
  fail ("the process survived");
}
