/* exec-missing: exec of a program that is not on the disk prints the
   loader's message and returns -1; the caller keeps running. */
#include <syscall.h>
#include <test.h>

const char *test_name = "exec-missing";

int
main (void)
{
  int result;

  msg ("exec a missing program");
  result = exec ("no-such-file arg");
  msg ("exec returned %d", result);
  return 0;
}
