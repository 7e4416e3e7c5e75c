/* bad-fork-name: fork() with the child's name in kernel memory
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-fork-name";

int
main (void)
{
  msg ("fork with a name at KERN_BASE");
  fork ((char *) KERN_BASE);
  fail ("the process survived");
}
