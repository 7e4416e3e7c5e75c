/* halt-now: halt powers the machine off at once: no exit line, no
   "Execution of ... complete." line, straight to the trailer. */
#include <syscall.h>
#include <test.h>

const char *test_name = "halt-now";

int
main (void)
{
  msg ("calling halt");
  halt ();
  fail ("halt returned");
}
