/* lazy-bss: a 4 MiB .bss array gets frames only for the pages the
   program touches: after touching every 64th page, int 0x42 finds a
   frame for exactly those pages. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "lazy-bss";

#define PAGES 1024
#define EVERY 64

static unsigned char big[PAGES][PAGE_SIZE]
  __attribute__ ((aligned (PAGE_SIZE)));

/* Counts the pages of BIG with a frame; fails if one is present
   exactly when WANT_TOUCHED says it should not be. */
static int
count_resident (bool want_touched)
{
  int p, count = 0;

  for (p = 0; p < PAGES; p++)
    {
      bool has = resident (big[p]);
      bool touched = want_touched && p % EVERY == 0;

      if (has != touched)
        fail ("page %d %s a frame", p, has ? "has" : "lacks");
      count += has;
    }
  return count;
}

int
main (void)
{
  int p, i, bad = 0;

  CHECK (count_resident (false) == 0, "no page of the array has a frame");
  for (p = 0; p < PAGES; p += EVERY)
    {
      for (i = 0; i < (int) PAGE_SIZE; i++)
        bad += big[p][i] != 0;
      big[p][p % PAGE_SIZE] = (unsigned char) (p / EVERY + 1);
    }
  CHECK (bad == 0, "touched pages read as zeros");
  CHECK (count_resident (true) == PAGES / EVERY,
         "exactly the %d touched pages have frames", PAGES / EVERY);
  for (p = 0; p < PAGES; p += EVERY)
    if (big[p][p % PAGE_SIZE] != p / EVERY + 1)
      fail ("page %d lost its byte", p);
  msg ("the written bytes are kept");
  return 0;
}
