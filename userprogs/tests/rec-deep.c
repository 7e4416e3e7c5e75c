/* rec-deep: "rec-deep N" forks a child named "rec-(N-1)" that execs
   "rec-deep N-1", waits for it, checks its status is N-1 and exits with
   N.  Run as "rec-deep 15", 16 processes nest; each status comes back
   up the chain. */
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "rec-deep";

int
main (int argc, char *argv[])
{
  char name[16], cmd[32];
  int depth, status;
  pid_t pid;

  if (argc != 2)
    fail ("usage: rec-deep DEPTH");
  depth = atoi (argv[1]);
  if (depth == 0)
    {
      msg ("depth 0 reached");
      return 0;
    }
  snprintf (name, sizeof name, "rec-%d", depth - 1);
  pid = fork (name);
  if (pid == 0)
    {
      snprintf (cmd, sizeof cmd, "rec-deep %d", depth - 1);
      exec (cmd);
      fail ("exec \"%s\" returned", cmd);
    }
  status = wait (pid);
  CHECK (status == depth - 1, "depth %d: child exited with %d", depth,
         status);
  return depth;
}
