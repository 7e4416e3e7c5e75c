/* bad-kern-rd: read() into kernel memory at KERN_BASE
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-kern-rd";

int
main (void)
{
  int fd = open_or_fail (test_name);
  msg ("read into KERN_BASE");
  read (fd, (void *) KERN_BASE, 8);
  fail ("the process survived");
}
