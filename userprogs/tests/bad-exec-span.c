/* bad-exec-span: exec() with a command line that runs from the top stack page into
   the unmapped page above USER_STACK without a terminating NUL
   kills the process with exit(-1). */
#include <syscall.h>
#include <string.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-exec-span";

int
main (void)
{
  memcpy ((char *) (USER_STACK - 4), "abcd", 4);
  msg ("exec a command line that runs past USER_STACK");
  exec ((char *) (USER_STACK - 4));
  fail ("the process survived");
}
