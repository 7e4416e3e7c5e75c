/* mix: a short mixed workload whose length is set by its argument.
   Each round fills a 16 KiB slice of a 1 MiB array with pseudo-random
   ints, sorts it with the library's qsort, checks the order and adds a
   checksum of it, then computes fib(16) recursively.  One round (the
   default) retires about 10 million instructions at -O0; a round count
   as the first argument makes a longer run (100 rounds: about 10^9).
   Slices rotate through the array, so a long run keeps writing memory
   all over it.  Uses only output, exit and library code, so the same
   source also runs natively (see native/shim.c). */
#include <stdlib.h>
#include <test.h>

const char *test_name = "mix";

#define SLICE_INTS 4096                 /* 16 KiB. */
#define SLICES 64                       /* 1 MiB in all. */
#define FIB_N 16
#define FIB_EXPECTED 987

static int numbers[SLICES][SLICE_INTS];

/* Orders two ints for qsort. */
static int
compare_ints (const void *a, const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return x < y ? -1 : x > y;
}

/* Returns the Nth Fibonacci number, recursively. */
static int
fib (int n)
{
  return n < 2 ? n : fib (n - 1) + fib (n - 2); /* #BP:fib */
}

/* Sorts slice S with fresh random ints; returns a position-weighted
   checksum of the sorted slice, failing if it is out of order. */
static unsigned long
sort_slice (int s)
{
  int *a = numbers[s];
  unsigned long checksum = 0;
  int i;

  for (i = 0; i < SLICE_INTS; i++)
    a[i] = (int) random_ulong ();
  qsort (a, SLICE_INTS, sizeof *a, compare_ints); /* #BP:sort */
  for (i = 0; i < SLICE_INTS; i++)
    {
      if (i > 0 && a[i - 1] > a[i])
        fail ("slice %d not sorted at %d", s, i);
      checksum += (unsigned long) (unsigned) a[i] * (i + 1);
    }
  return checksum;
}

int
main (int argc, char *argv[])
{
  int rounds = argc > 1 ? atoi (argv[1]) : 1, r;
  unsigned long checksum = 0;

  if (rounds < 1)
    fail ("rounds must be at least 1, not %s", argv[1]);
  random_init (11);
  for (r = 0; r < rounds; r++) /* #BP:round */
    {
      checksum = checksum * 31 + sort_slice (r % SLICES);
      if (fib (FIB_N) != FIB_EXPECTED)
        fail ("fib(%d) is not %d", FIB_N, FIB_EXPECTED);
    }
  msg ("rounds %d, checksum %016lx", rounds, checksum);
  return 0;
}
