/* stk-read-low: read() into a buffer 64 KiB below the rsp saved at the
   system call: the kernel's fault there is not stack growth, and the
   process is killed. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-read-low";

int
main (void)
{
  char *low = (char *) (read_rsp () - 64 * 1024);
  int fd;

  make_pattern_file ("in", 100, 3);
  fd = open_or_fail ("in");
  msg ("read() into a buffer 64 KiB below rsp");
  read (fd, low, 100);
  fail ("the process survived");
}
