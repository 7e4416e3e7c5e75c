/* stk-runaway: recursion without end.  Once the stack reaches 1 MiB the
   next frame is beyond the limit and the process is killed; its parent
   sees exit status -1 and goes on. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-runaway";

/* Deeper than any stack can hold; volatile, so the compiler cannot
   tell the recursion never ends. */
static volatile int max_depth = 1 << 30;

/* Recurses "forever" with 1 KiB frames. */
static int
descend (int depth)
{
  volatile unsigned char frame[1024];

  frame[0] = (unsigned char) depth;
  frame[1023] = (unsigned char) depth;
  if (depth >= max_depth)
    return frame[0];
  return descend (depth + 1) + frame[0];
}

int
main (void)
{
  pid_t pid = spawn ("runaway", descend, 0);

  CHECK (wait (pid) == -1, "the recursing child exited with -1");
  return 0;
}
