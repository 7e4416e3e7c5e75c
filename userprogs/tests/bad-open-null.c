/* bad-open-null: open() with a NULL file name
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-open-null";

int
main (void)
{
  msg ("open a NULL name");
  open (NULL);
  fail ("the process survived");
}
