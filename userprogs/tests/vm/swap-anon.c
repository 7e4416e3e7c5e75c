/* swap-anon: 20 MiB of anonymous memory (.bss) touched at -m 10, so
   about three in four pages must live in swap.  Every page gets its own
   pattern words, then all pages are checked, last written first. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "swap-anon";

#define PAGES (20 * 256)                /* 20 MiB. */
#define WORDS (PAGE_SIZE / 8)
#define STRIDE 128                      /* Words between pattern words. */

static unsigned long arena[PAGES][WORDS] __attribute__ ((aligned (PAGE_SIZE)));

/* Writes stream SEED's words into page P (every STRIDE-th word, and
   the last word). */
static void
fill_page (unsigned long p, unsigned seed)
{
  unsigned long w;

  for (w = 0; w < WORDS; w += STRIDE)
    arena[p][w] = pattern_word (seed, p * WORDS + w);
  arena[p][WORDS - 1] = pattern_word (seed, p * WORDS + WORDS - 1);
}

/* Fails unless page P holds what fill_page (P, SEED) wrote. */
static void
check_page (unsigned long p, unsigned seed)
{
  unsigned long w;

  for (w = 0; w < WORDS; w += STRIDE)
    if (arena[p][w] != pattern_word (seed, p * WORDS + w))
      fail ("page %lu word %lu is %016lx", p, w, arena[p][w]);
  if (arena[p][WORDS - 1] != pattern_word (seed, p * WORDS + WORDS - 1))
    fail ("page %lu last word is %016lx", p, arena[p][WORDS - 1]);
  if (arena[p][1] != 0)
    fail ("page %lu word 1 is %016lx, not 0", p, arena[p][1]);
}

int
main (void)
{
  unsigned long p;

  for (p = 0; p < PAGES; p++)
    fill_page (p, 1);
  msg ("wrote %d pages", PAGES);
  for (p = PAGES; p-- > 0;)
    check_page (p, 1);
  msg ("checked every page");
  return 0;
}
