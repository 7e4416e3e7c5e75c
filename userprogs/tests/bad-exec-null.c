/* bad-exec-null: exec() with a NULL command line
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-exec-null";

int
main (void)
{
  msg ("exec a NULL command line");
  exec (NULL);
  fail ("the process survived");
}
