/* mmap-exec-new: run by mmap-exec through exec. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-exec-new";

int
main (void)
{
  int fd;

  CHECK (!resident (MAP_ADDR + PAGE_SIZE), "the old mapping is gone");
  fd = open_or_fail ("data");
  CHECK (mmap (MAP_ADDR, 3 * PAGE_SIZE, 0, fd, 0) == MAP_ADDR,
         "mmap of \"data\" at the old address works");
  CHECK (pattern_mismatch (MAP_ADDR, PAGE_SIZE, 26, 0) < 0
         && pattern_mismatch (MAP_ADDR + PAGE_SIZE, PAGE_SIZE, 27, PAGE_SIZE) < 0
         && pattern_mismatch (MAP_ADDR + 2 * PAGE_SIZE, PAGE_SIZE, 26,
                              2 * PAGE_SIZE) < 0,
         "it shows the page written before the exec");
  return 0;
}
