/* bad-exec-kern: exec() with a command line in kernel memory
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-exec-kern";

int
main (void)
{
  msg ("exec a command line at KERN_BASE");
  exec ((char *) KERN_BASE);
  fail ("the process survived");
}
