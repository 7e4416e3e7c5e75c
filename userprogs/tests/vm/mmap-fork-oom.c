/* mmap-fork-oom: a chain of processes, each holding copies of two
   mappings and forking the next, until fork fails for lack of kernel
   memory.  A fork that fails after the child's copies of the mappings
   were made unmaps them again (two munmaps with nothing written back),
   and the chain unwinds with every level passing its child's depth
   up. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-fork-oom";

#define PAGES 4
#define TRIES 3

/* Forks the next member of the chain at DEPTH until fork fails TRIES
   times in a row, then exits with DEPTH.  Never returns. */
static void
chain (int depth)
{
  for (;;)
    {
      pid_t pid = -1;
      int try;

      for (try = 0; try < TRIES && pid < 0; try++)
        pid = fork ("link");
      if (pid < 0)
        exit (depth);
      if (pid > 0)
        exit (wait (pid));
      depth++;
    }
}

int
main (void)
{
  int fd, depth;
  pid_t pid;

  make_pattern_file ("data", PAGES * PAGE_SIZE, 5);
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, PAGES * PAGE_SIZE, 0, fd, 0) == MAP_ADDR, "mmap %d pages", PAGES);
  CHECK (mmap (MAP_ADDR2, PAGES * PAGE_SIZE, 0, fd, 0) == MAP_ADDR2, "mmap them again elsewhere");
  CHECK (pattern_mismatch (MAP_ADDR, PAGES * PAGE_SIZE, 5, 0) < 0, "the mapping holds the file");
  pid = fork ("link");
  if (pid == 0)
    chain (1);
  CHECK (pid > 0, "the first fork succeeded");
  depth = wait (pid);
  CHECK (depth >= 10, "the chain went at least 10 deep");
  CHECK (pattern_mismatch (MAP_ADDR, PAGES * PAGE_SIZE, 5, 0) < 0, "the mapping still holds the file");
  return 0;
}
