/* mmap-fork-oom: a chain of processes, each holding copies of two
   mappings and forking the next, until fork fails for lack of kernel
   memory.  A fork that fails after the child's copies of the mappings
   were made unmaps them again (two munmaps with nothing written back),
   and the chain unwinds with every level passing its child's depth
   up. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"
#include "../common/fork-chain.h"

const char *test_name = "mmap-fork-oom";

#define PAGES 4
#define TRIES 3

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
    fork_chain ("link", 1, TRIES);
  CHECK (pid > 0, "the first fork succeeded");
  depth = wait (pid);
  CHECK (depth >= 10, "the chain went at least 10 deep");
  CHECK (pattern_mismatch (MAP_ADDR, PAGES * PAGE_SIZE, 5, 0) < 0, "the mapping still holds the file");
  return 0;
}
