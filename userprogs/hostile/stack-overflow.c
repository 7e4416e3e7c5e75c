/* stack-overflow: recurses with a 4 kB frame until the stack reaches
   its limit; the kernel kills it with exit(-1). */
#include <syscall.h>

const char *test_name = "stack-overflow";

static int
dive (int depth)
{
  volatile char frame[4096];
  if (depth < 0)
    return 0;
  frame[0] = (char) depth;
  return dive (depth + 1) + frame[0];
}

int
main (void)
{
  return dive (0);
}
