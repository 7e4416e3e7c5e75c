/* fork-name: a forked child is named by fork's argument, cut to 15
   characters like every process name. */
#include <syscall.h>
#include <test.h>

const char *test_name = "fork-name";

int
main (void)
{
  pid_t pid = fork ("a-rather-long-process-name");

  if (pid == 0)
    exit (0);
  wait (pid);
  pid = fork ("x");
  if (pid == 0)
    exit (1);
  wait (pid);
  return 0;
}
