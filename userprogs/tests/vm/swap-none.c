/* swap-none: without a swap disk, anonymous pages cannot be evicted.
   At -m 2 (191 frames) a child writing 1 MiB is killed; a child
   writing 256 KiB succeeds, and so does one reading a 2 MiB read-only
   mapping (clean file pages need no swap). */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "swap-none";

#define MAX_PAGES 256
#define FILE_PAGES 512

static unsigned char arena[MAX_PAGES][PAGE_SIZE]
  __attribute__ ((aligned (PAGE_SIZE)));

/* Writes into PAGES pages, then checks them. */
static int
hog (int pages)
{
  int p;

  for (p = 0; p < pages; p++)
    arena[p][p % PAGE_SIZE] = (unsigned char) (p + 1);
  for (p = 0; p < pages; p++)
    if (arena[p][p % PAGE_SIZE] != (unsigned char) (p + 1))
      return 1;
  return 0;
}

/* Maps "big" read-only and checks all of it twice. */
static int
reader (int pages)
{
  int fd = open_or_fail ("big"), round;

  if (mmap (MAP_ADDR, pages * PAGE_SIZE, 0, fd, 0) != MAP_ADDR)
    return 2;
  for (round = 0; round < 2; round++)
    if (pattern_mismatch (MAP_ADDR, pages * PAGE_SIZE, 33, 0) >= 0)
      return 1;
  return 0;
}

int
main (void)
{
  make_pattern_file ("big", FILE_PAGES * PAGE_SIZE, 33);
  CHECK (wait (spawn ("hog-1mib", hog, 256)) == -1,
         "a child writing 1 MiB was killed");
  CHECK (wait (spawn ("hog-256k", hog, 64)) == 0,
         "a child writing 256 KiB succeeded");
  CHECK (wait (spawn ("reader", reader, FILE_PAGES)) == 0,
         "a child reading a 2 MiB mapping twice succeeded");
  return 0;
}
