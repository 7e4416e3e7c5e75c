/* exec-missing: exec of a program that is not on the disk prints the
   loader's message and ends the caller with exit(-1): exec never
   returns, so nothing after it runs. */
#include <syscall.h>
#include <test.h>

const char *test_name = "exec-missing";

int
main (void)
{
  msg ("exec a missing program");
  exec ("no-such-file arg");
  fail ("exec returned");
  return 0;
}
