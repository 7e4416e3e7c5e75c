/* hotcold: a hot set of 48 pages read between every two steps of a
   cold scan over 512 pages, at -m 2 (191 frames).  Clock gives the hot
   pages a second chance (their accessed bits are set again before the
   hand comes back), so they stay resident; FIFO evicts them in load
   order and they fault back in at once.  What the program prints does
   not depend on the policy; `pintos-vm --stats` shows the difference
   (README.md). */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "hotcold";

#define HOT 48
#define COLD 512
#define ROUNDS 4
#define WORDS (PAGE_SIZE / 8)

static unsigned long hot[HOT][WORDS] __attribute__ ((aligned (PAGE_SIZE)));
static unsigned long cold[COLD][WORDS] __attribute__ ((aligned (PAGE_SIZE)));

int
main (void)
{
  unsigned long sum = 0;
  int r, c, h;

  for (h = 0; h < HOT; h++)
    hot[h][h] = pattern_word (60, h);
  for (r = 0; r < ROUNDS; r++)
    for (c = 0; c < COLD; c++)
      {
        cold[c][r] = pattern_word (61, c * ROUNDS + r);
        for (h = 0; h < HOT; h++)
          sum += hot[h][h];
      }
  for (c = 0; c < COLD; c++)
    for (r = 0; r < ROUNDS; r++)
      if (cold[c][r] != pattern_word (61, c * ROUNDS + r))
        fail ("cold page %d word %d is wrong", c, r);
  for (h = 0; h < HOT; h++)
    sum -= (unsigned long) ROUNDS * COLD * hot[h][h];
  CHECK (sum == 0, "%d rounds over %d cold pages, %d hot pages read "
         "between steps: sums match", ROUNDS, COLD, HOT);
  return 0;
}
