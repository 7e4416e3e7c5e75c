/* bad-open-unm: open() with a file name at an unmapped user address
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-open-unm";

int
main (void)
{
  msg ("open a name at unmapped 0x10000000");
  open ((char *) UNMAPPED_ADDR);
  fail ("the process survived");
}
