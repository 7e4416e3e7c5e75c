/* wait-bad: wait returns -1 at once for pids that are not children of
   the caller: pids that never existed, a grandchild, and a sibling. */
#include <syscall.h>
#include <test.h>

const char *test_name = "wait-bad";

int
main (void)
{
  pid_t middle, grandchild, sibling, prober;
  int status;

  msg ("wait (12345) = %d", wait (12345));
  msg ("wait (-1) = %d", wait (-1));

  /* The middle child forks a grandchild, reaps it and exits with its
     pid, which is not a child of this process. */
  middle = fork ("middle");
  if (middle == 0)
    {
      pid_t pid = fork ("grandchild");
      if (pid == 0)
        exit (3);
      wait (pid);
      exit (pid);
    }
  grandchild = wait (middle);
  msg ("wait for the grandchild = %d", wait (grandchild));

  /* The prober is a sibling of the other child and cannot wait for it. */
  sibling = fork ("sibling");
  if (sibling == 0)
    exit (5);
  prober = fork ("prober");
  if (prober == 0)
    exit (wait (sibling) == -1 ? 11 : 12);
  status = wait (prober);
  msg ("prober's wait for its sibling returned -1: %s",
       status == 11 ? "yes" : "no");
  msg ("wait for the sibling = %d", wait (sibling));
  return 0;
}
