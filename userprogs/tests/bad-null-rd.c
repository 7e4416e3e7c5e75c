/* bad-null-rd: read() into a NULL buffer
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-null-rd";

int
main (void)
{
  int fd = open_or_fail (test_name);
  msg ("read into a NULL buffer");
  read (fd, NULL, 8);
  fail ("the process survived");
}
