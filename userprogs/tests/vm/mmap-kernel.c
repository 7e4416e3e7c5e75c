/* mmap-kernel: a mapping must lie entirely in user space.  Ranges that
   start at or above KERN_BASE, cross it, or wrap around fail; the last
   user page below KERN_BASE can be mapped. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "mmap-kernel";

int
main (void)
{
  char *last = (char *) (KERN_BASE - PAGE_SIZE);
  int fd;

  make_pattern_file ("data", 2 * PAGE_SIZE, 6);
  fd = open_or_fail ("data");
  CHECK (mmap ((void *) KERN_BASE, PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap at KERN_BASE fails");
  CHECK (mmap ((void *) (KERN_BASE + 16 * PAGE_SIZE), PAGE_SIZE, 0, fd, 0)
         == MAP_FAILED, "mmap above KERN_BASE fails");
  CHECK (mmap (last, 2 * PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap of 2 pages from KERN_BASE - 4096 fails");
  CHECK (mmap (last, PAGE_SIZE + 1, 1, fd, 0) == MAP_FAILED,
         "mmap of 4097 bytes from KERN_BASE - 4096 fails");
  CHECK (mmap ((void *) 0xfffffffffffff000UL, PAGE_SIZE, 1, fd, 0)
         == MAP_FAILED, "mmap at the top of the address space fails");
  CHECK (mmap (MAP_ADDR, -PAGE_SIZE, 1, fd, 0) == MAP_FAILED,
         "mmap with a length that wraps around fails");
  CHECK (mmap (last, PAGE_SIZE, 1, fd, 0) == last,
         "mmap of the last user page works");
  CHECK (pattern_mismatch (last, PAGE_SIZE, 6, 0) < 0, "and shows the file");
  return 0;
}
