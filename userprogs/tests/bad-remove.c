/* bad-remove: remove() with a file name at an unmapped user address
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-remove";

int
main (void)
{
  msg ("remove a name at unmapped 0x10000000");
  remove ((char *) UNMAPPED_ADDR);
  fail ("the process survived");
}
