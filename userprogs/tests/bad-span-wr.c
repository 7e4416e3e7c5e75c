/* bad-span-wr: write() from a buffer that starts in the top stack page and runs
   into the unmapped page above USER_STACK
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-span-wr";

int
main (void)
{
  msg ("write 8 bytes from USER_STACK - 4");
  write (1, (void *) (USER_STACK - 4), 8);
  fail ("the process survived");
}
