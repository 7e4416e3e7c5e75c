/* wait-exited: waiting for a child that has already exited returns its
   status at once.  The parent spins long enough for the child to run
   to its end first. */
#include <syscall.h>
#include <test.h>

const char *test_name = "wait-exited";

int
main (void)
{
  volatile long spin;
  pid_t pid = fork ("quick");

  if (pid == 0)
    exit (9);
  for (spin = 0; spin < 3000000; spin++)
    continue;
  msg ("wait returned %d", wait (pid));
  return 0;
}
