/* fork-bomb: a chain of processes, each forking the next, until fork
   fails 10 times in a row for lack of memory.  The last one exits with
   its depth and every level passes its child's status up.  The bomb
   goes off twice; with every kernel object freed at each exit, the
   second chain reaches the same depth as the first. */
#include <syscall.h>
#include <test.h>
#include "common/fork-chain.h"

const char *test_name = "fork-bomb";

#define TRIES 10

/* Sets off one chain and returns the depth it reached. */
static int
detonate (void)
{
  pid_t pid = fork ("bomb");

  if (pid < 0)
    fail ("the first fork failed");
  if (pid == 0)
    fork_chain ("bomb", 1, TRIES);
  return wait (pid);
}

int
main (void)
{
  int first = detonate ();
  int second = detonate ();

  msg ("depth reached: %d", first);
  CHECK (first >= 10, "at least 10 processes deep");
  msg ("same depth twice: %s", first == second ? "yes" : "no");
  return 0;
}
