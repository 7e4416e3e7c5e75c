/* swap-syscall: system calls on buffers that are mostly in swap, at -m 2
   (191 frames).  One write() sends 1 MiB of .bss, most of it swapped
   out, to a file: the kernel swaps the pages in as it copies, evicting
   others meanwhile.  One read() brings the file back into another
   1 MiB buffer, under the same pressure.  Both copies are exact. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "swap-syscall";

#define SIZE (1024 * 1024)

static unsigned char out[SIZE] __attribute__ ((aligned (PAGE_SIZE)));
static unsigned char in[SIZE] __attribute__ ((aligned (PAGE_SIZE)));

int
main (void)
{
  int fd, p, absent = 0;

  pattern_fill (out, SIZE, 36, 0);
  for (p = 0; p < SIZE; p += PAGE_SIZE)
    absent += !resident (out + p);
  CHECK (absent >= 64, "at least 64 of the buffer's 256 pages are out");
  CHECK (create ("big", SIZE), "create a 1 MiB file");
  fd = open_or_fail ("big");
  CHECK (write (fd, out, SIZE) == SIZE, "write() the 1 MiB buffer at once");
  seek (fd, 0);
  CHECK (read (fd, in, SIZE) == SIZE, "read() it into another at once");
  CHECK (pattern_mismatch (in, SIZE, 36, 0) < 0, "the copy is exact");
  CHECK (pattern_mismatch (out, SIZE, 36, 0) < 0,
         "and the first buffer is intact");
  return 0;
}
