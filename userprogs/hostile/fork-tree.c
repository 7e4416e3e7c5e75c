/* fork-tree: every process forks for ever and never waits, so the tree
   grows until fork fails for lack of memory, and every member keeps
   trying.  Only the guest-time limit (-T) ends it. */
#include <syscall.h>

const char *test_name = "fork-tree";

int
main (void)
{
  for (;;)
    fork ("tree");
}
