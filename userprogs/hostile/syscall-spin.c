/* syscall-spin: calls tell on a bad descriptor for ever, a tight loop
   of kernel entries with hardly any user work between them.  Only the
   guest-time limit (-T) ends it. */
#include <syscall.h>

const char *test_name = "syscall-spin";

int
main (void)
{
  for (;;)
    tell (12345);
}
