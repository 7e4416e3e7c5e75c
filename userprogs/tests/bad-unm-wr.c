/* bad-unm-wr: write() from a user address that was never mapped
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-unm-wr";

int
main (void)
{
  msg ("write from unmapped 0x10000000");
  write (1, (void *) UNMAPPED_ADDR, 8);
  fail ("the process survived");
}
