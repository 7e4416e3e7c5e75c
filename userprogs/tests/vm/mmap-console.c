/* mmap-console: descriptors 0 and 1 (the console) cannot be mapped,
   whatever the rest of the call. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-console";

int
main (void)
{
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, 0, 0) == MAP_FAILED,
         "mmap of fd 0 fails");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 0, 0, 0) == MAP_FAILED,
         "read-only mmap of fd 0 fails");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, 1, 0) == MAP_FAILED,
         "mmap of fd 1 fails");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 0, 1, 0) == MAP_FAILED,
         "read-only mmap of fd 1 fails");
  msg ("the console still works");
  return 0;
}
