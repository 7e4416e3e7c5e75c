/* swap-fork: swap and fork together at -m 2.  The parent fills 3 MiB
   of .bss (four times its RAM), then forks.  While both run, the child
   checks every page and rewrites the odd ones, the parent checks every
   page and rewrites the even ones; then each checks it sees only its
   own writes.  Shared pages go to swap shared and come back for both. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "swap-fork";

#define PAGES 768
#define WORDS (PAGE_SIZE / 8)
#define STRIDE 256

static unsigned long arena[PAGES][WORDS] __attribute__ ((aligned (PAGE_SIZE)));

/* Writes stream SEED's words into page P. */
static void
fill_page (unsigned long p, unsigned seed)
{
  unsigned long w;

  for (w = 0; w < WORDS; w += STRIDE)
    arena[p][w] = pattern_word (seed, p * WORDS + w);
}

/* Tells whether page P holds what fill_page (P, SEED) wrote. */
static bool
page_holds (unsigned long p, unsigned seed)
{
  unsigned long w;

  for (w = 0; w < WORDS; w += STRIDE)
    if (arena[p][w] != pattern_word (seed, p * WORDS + w))
      return false;
  return true;
}

/* Checks every page holds seed 1, rewrites the pages of parity
   PARITY with seed SEED, then checks every page again.  Returns 0 on
   success, else 1 + the first bad page. */
static int
check_and_rewrite (int parity, unsigned seed)
{
  unsigned long p;

  for (p = 0; p < PAGES; p++)
    {
      if (!page_holds (p, 1))
        return (int) p + 1;
      if ((int) (p % 2) == parity)
        fill_page (p, seed);
    }
  for (p = PAGES; p-- > 0;)
    if (!page_holds (p, (int) (p % 2) == parity ? seed : 1))
      return (int) p + 1;
  return 0;
}

/* The child's part. */
static int
child (int unused)
{
  (void) unused;
  return check_and_rewrite (1, 3);
}

int
main (void)
{
  unsigned long p;
  pid_t pid;
  int bad;

  for (p = 0; p < PAGES; p++)
    fill_page (p, 1);
  msg ("filled %d pages", PAGES);
  pid = spawn ("odd-writer", child, 0);
  bad = check_and_rewrite (0, 2);
  if (bad != 0)
    fail ("parent: page %d is wrong", bad - 1);
  msg ("parent: every page right, the even ones rewritten");
  CHECK (wait (pid) == 0, "child: every page right, the odd ones rewritten");
  return 0;
}
