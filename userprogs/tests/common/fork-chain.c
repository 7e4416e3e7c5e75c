/* fork-chain.c: see fork-chain.h. */
#include <syscall.h>
#include "fork-chain.h"

void
fork_chain (const char *name, int depth, int tries)
{
  for (;;)
    {
      pid_t pid = -1;
      int try;

      for (try = 0; try < tries && pid < 0; try++)
        pid = fork (name);
      if (pid < 0)
        exit (depth);
      if (pid > 0)
        exit (wait (pid));
      depth++;
    }
}
