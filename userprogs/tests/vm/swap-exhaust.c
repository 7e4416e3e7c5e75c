/* swap-exhaust: at -m 2 with a 1-unit swap disk (191 frames and 252
   slots: under 2 MiB), a child writing 4 MiB runs out of swap and is
   killed; its parent goes on, sees exit status -1, and can then run a
   child that writes 1 MiB, so the killed one gave everything back. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "swap-exhaust";

#define MAX_PAGES 1024

static unsigned char arena[MAX_PAGES][PAGE_SIZE]
  __attribute__ ((aligned (PAGE_SIZE)));

/* Writes into PAGES pages, then checks them; returns 0 when all
   hold what was written. */
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

int
main (void)
{
  CHECK (wait (spawn ("hog-4mib", hog, 1024)) == -1,
         "a child writing 4 MiB was killed");
  CHECK (wait (spawn ("hog-1mib", hog, 256)) == 0,
         "then a child writing 1 MiB succeeded");
  return 0;
}
