/* fork-wait: the child gets 0 from fork and exits with 81; the parent
   gets the child's pid and wait returns 81.  The parent prints nothing
   between fork and wait, so the output order is fixed. */
#include <syscall.h>
#include <test.h>

const char *test_name = "fork-wait";

int
main (void)
{
  pid_t pid;
  int status;

  msg ("parent forks");
  pid = fork ("child");
  if (pid == 0)
    {
      msg ("child runs");
      exit (81);
    }
  status = wait (pid);
  CHECK (pid > 0, "fork returned a pid to the parent");
  CHECK (status == 81, "wait returned %d", status);
  return 0;
}
