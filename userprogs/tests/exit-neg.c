/* exit-neg: a negative status is printed as a signed number. */
#include <syscall.h>
#include <test.h>

const char *test_name = "exit-neg";

int
main (void)
{
  msg ("calling exit (-5)");
  exit (-5);
  fail ("exit returned");
}
