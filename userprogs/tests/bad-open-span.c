/* bad-open-span: open() with a name whose bytes run from the top stack page into
   the unmapped page above USER_STACK without a terminating NUL
   kills the process with exit(-1). */
#include <syscall.h>
#include <string.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-open-span";

int
main (void)
{
  memcpy ((char *) (USER_STACK - 4), "abcd", 4);
  msg ("open a name that runs past USER_STACK");
  open ((char *) (USER_STACK - 4));
  fail ("the process survived");
}
