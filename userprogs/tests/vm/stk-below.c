/* stk-below: a read 64 KiB below rsp, inside the stack's 1 MiB but far
   below the stack pointer, is not stack growth: the process is killed. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-below";

int
main (void)
{
  volatile unsigned char *p = (unsigned char *) (read_rsp () - 64 * 1024);

  msg ("read 64 KiB below rsp");
  msg ("read %d", *p);
  fail ("the process survived");
}
