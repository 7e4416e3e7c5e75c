/* x87-math: long double arithmetic, which gcc does on the x87 unit.
   The first x87 instruction stops the process with a message naming it
   as not emulated. */
#include <test.h>

const char *test_name = TEST_NAME;

int
main (void)
{
  volatile long double a = 3.0L;
  a = a * 2.0L;
  msg ("product: %d", (int) a);
  return 0;
}
