/* bad-create-nul: create() with a NULL file name
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-create-nul";

int
main (void)
{
  msg ("create a NULL name");
  create (NULL, 0);
  fail ("the process survived");
}
