/* pressure: writes a pattern into every page of a 20 MiB .bss array,
   then reads all of it back in a scattered order.  With little RAM this
   forces pages out to swap and back.  An optional argument gives the
   size in MiB (1 to 20). */
#include <stdlib.h>
#include <test.h>

const char *test_name = "pressure";

#define PAGE_SIZE 4096
#define MAX_MIB 20
#define WORDS_PER_PAGE (PAGE_SIZE / 8)
#define STRIDE 64                       /* Words between pattern words. */
#define STEP 2053                       /* Odd prime: visits every page. */

static unsigned long arena[MAX_MIB * 1024 * 1024 / 8]
  __attribute__ ((aligned (PAGE_SIZE)));

/* The word stored at word W (a multiple of STRIDE) of page P. */
static unsigned long
pattern (unsigned long p, unsigned long w)
{
  unsigned long x = (p << 12 | w) * 0x9e3779b97f4a7c15UL;

  return x ^ (x >> 29) ^ 0x5bd1e995UL;
}

int
main (int argc, char *argv[])
{
  int mib = argc > 1 ? atoi (argv[1]) : MAX_MIB;
  unsigned long pages, p, i, w, sum = 0, total = 0;

  if (mib < 1 || mib > MAX_MIB)
    fail ("size must be 1 to %d MiB", MAX_MIB);
  pages = (unsigned long) mib * 1024 * 1024 / PAGE_SIZE;
  msg ("writing %d MiB (%lu pages)", mib, pages);

  for (p = 0; p < pages; p++)
    {
      unsigned long *page = arena + p * WORDS_PER_PAGE;
      for (w = 0; w < WORDS_PER_PAGE; w += STRIDE)
        {
          page[w] = pattern (p, w); /* #BP:write_word */
          sum += page[w];
        }
    }
  msg ("every page written");

  for (i = 0; i < pages; i++)
    {
      unsigned long *page;

      p = i * STEP % pages;
      page = arena + p * WORDS_PER_PAGE;
      for (w = 0; w < WORDS_PER_PAGE; w += STRIDE)
        {
          if (page[w] != pattern (p, w)) /* #BP:verify_word */
            fail ("page %lu word %lu is %016lx, not %016lx",
                  p, w, page[w], pattern (p, w));
          if (page[w + 1] != 0)
            fail ("page %lu word %lu is %016lx, not 0", p, w + 1, page[w + 1]);
          total += page[w];
        }
    }
  CHECK (total == sum, "every page read back, checksum %016lx", total);
  return 0;
}
