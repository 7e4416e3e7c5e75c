/* wait-twice: wait returns a child's status once; a second wait for
   the same child returns -1. */
#include <syscall.h>
#include <test.h>

const char *test_name = "wait-twice";

int
main (void)
{
  pid_t pid = fork ("child");
  int first, second;

  if (pid == 0)
    exit (7);
  first = wait (pid);
  second = wait (pid);
  msg ("first wait: %d", first);
  msg ("second wait: %d", second);
  return 0;
}
