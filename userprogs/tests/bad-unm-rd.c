/* bad-unm-rd: read() into a user address that was never mapped
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-unm-rd";

int
main (void)
{
  int fd = open_or_fail (test_name);
  msg ("read into unmapped 0x10000000");
  read (fd, (void *) UNMAPPED_ADDR, 8);
  fail ("the process survived");
}
