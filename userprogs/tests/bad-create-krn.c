/* bad-create-krn: create() with a file name in kernel memory
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-create-krn";

int
main (void)
{
  msg ("create a name at KERN_BASE");
  create ((char *) KERN_BASE, 0);
  fail ("the process survived");
}
