/* exit-pos: a positive status reaches the exit line unchanged. */
#include <syscall.h>
#include <test.h>

const char *test_name = "exit-pos";

int
main (void)
{
  msg ("calling exit (57)");
  exit (57);
  fail ("exit returned");
}
