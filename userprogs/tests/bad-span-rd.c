/* bad-span-rd: read() into a buffer that starts in the top stack page and runs
   into the unmapped page above USER_STACK
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-span-rd";

int
main (void)
{
  int fd = open_or_fail (test_name);
  msg ("read 8 bytes into USER_STACK - 4");
  read (fd, (void *) (USER_STACK - 4), 8);
  fail ("the process survived");
}
