/* avx-math: double arithmetic compiled with -mavx, so the compiler uses
   VEX-encoded instructions.  The first one stops the process with a
   message naming it as not emulated. */
#include <test.h>

const char *test_name = "avx-math";

static double
scale (double x, double y)
{
  return x * y + 0.5;
}

int
main (void)
{
  volatile double a = 3.0;
  msg ("scale: %d", (int) scale (a, 2.0));
  return 0;
}
