/* bad-open-kern: open() with a file name in kernel memory
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-open-kern";

int
main (void)
{
  msg ("open a name at KERN_BASE");
  open ((char *) KERN_BASE);
  fail ("the process survived");
}
