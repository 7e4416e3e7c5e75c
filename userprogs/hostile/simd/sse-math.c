/* sse-math (and avx-math): double arithmetic compiled without
   -mno-sse, as a student's own test might be (avx-math: the same source
   with -mavx, so the compiler uses VEX-encoded instructions).  The first
   SSE or AVX instruction stops the process with a message naming it as
   not emulated.  TEST_NAME comes from the Makefile. */
#include <test.h>

const char *test_name = TEST_NAME;

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
