/* bad-kern-wr: write() from the first kernel address, KERN_BASE
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-kern-wr";

int
main (void)
{
  msg ("write from KERN_BASE");
  write (1, (void *) KERN_BASE, 8);
  fail ("the process survived");
}
