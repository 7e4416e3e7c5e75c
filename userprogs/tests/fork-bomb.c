/* fork-bomb: a chain of processes, each forking the next, until fork
   fails 10 times in a row for lack of memory.  The last one exits with
   its depth and every level passes its child's status up.  The bomb
   goes off twice; with every kernel object freed at each exit, the
   second chain reaches the same depth as the first. */
#include <syscall.h>
#include <test.h>

const char *test_name = "fork-bomb";

#define TRIES 10

/* Runs as the member of the chain at DEPTH: forks the next member (the
   child goes round the loop one level deeper) or, when fork keeps
   failing, exits with DEPTH.  Never returns. */
static void
chain (int depth)
{
  for (;;)
    {
      pid_t pid = -1;
      int try;

      for (try = 0; try < TRIES && pid < 0; try++)
        pid = fork ("bomb");
      if (pid < 0)
        exit (depth);
      if (pid > 0)
        exit (wait (pid));
      depth++;
    }
}

/* Sets off one chain and returns the depth it reached. */
static int
detonate (void)
{
  pid_t pid = fork ("bomb");

  if (pid < 0)
    fail ("the first fork failed");
  if (pid == 0)
    chain (1);
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
