/* exec-fail-wait: a child whose exec fails ends with exit(-1) right
   after the loader's message; its parent's wait sees -1, and the
   child prints nothing after the exec. Both a missing file and a file
   that is not an executable end the same way. */
#include <syscall.h>
#include <test.h>
#include "common/files.h"

const char *test_name = "exec-fail-wait";

/* Forks a child named NAME that execs CMD; returns the child's status. */
static int
exec_in_child (const char *name, const char *cmd)
{
  pid_t pid = fork (name);
  if (pid == 0)
    {
      exec (cmd);
      msg ("%s: exec returned", name);
      exit (7);
    }
  return wait (pid);
}

int
main (void)
{
  make_file ("not-a-prog", "just some text", 14);
  msg ("missing: wait returned %d", exec_in_child ("missing", "no-such-prog"));
  msg ("not-elf: wait returned %d", exec_in_child ("not-elf", "not-a-prog x"));
  return 0;
}
