/* fork-storm: forks children that exit at once, as fast as it can, for
   ever.  Nearly all of its time is kernel work (fork, exit, wait), so
   only the guest-time limit (-T) ends it. */
#include <syscall.h>

const char *test_name = "fork-storm";

int
main (void)
{
  for (;;)
    {
      pid_t pid = fork ("storm");
      if (pid == 0)
        exit (0);
      if (pid > 0)
        wait (pid);
    }
}
