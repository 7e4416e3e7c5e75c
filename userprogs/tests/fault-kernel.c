/* fault-kernel: user code reading kernel memory
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "fault-kernel";

int
main (void)
{
  msg ("read *(int *) KERN_BASE");
  msg ("read %d", *(volatile int *) KERN_BASE);
  fail ("the process survived");
}
