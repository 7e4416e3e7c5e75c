/* bad-code-rd: read() into the code segment, which is mapped read-only
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-code-rd";

int
main (void)
{
  int fd = open_or_fail (test_name);
  msg ("read into the code page of main");
  read (fd, (void *) main, 8);
  fail ("the process survived");
}
