/* exit-zero: exit (0) ends the program at once. */
#include <syscall.h>
#include <test.h>

const char *test_name = "exit-zero";

int
main (void)
{
  msg ("calling exit (0)");
  exit (0);
  fail ("exit returned");
}
