/* bench: integer compute benchmark.  Sorts 100,000 ints, hashes a buffer
   with 64-bit multiplies, sieves primes below 2,000,000 and computes
   fib(32) recursively.  Each part prints a deterministic checksum and
   checks it.  Uses only printf-style output, exit and string functions,
   so the same source also runs natively (see native/shim.c). */
#include <stdlib.h>
#include <string.h>
#include <test.h>

const char *test_name = "bench";

#define SORT_N 100000
#define HASH_WORDS 8192                 /* 64 KiB buffer. */
#define HASH_ROUNDS 450
#define SIEVE_N 2000000
#define FIB_N 32

/* Results this program must reproduce (from a run of the native build,
   and for primes and fib, well-known values). */
#define SORT_EXPECTED 0x7c0e0908a149f4cbUL
#define HASH_EXPECTED 0x0af6b14ff2fce1e9UL
#define PRIMES_EXPECTED 148933
#define FIB_EXPECTED 2178309

static int numbers[SORT_N];
static unsigned long words[HASH_WORDS];
static unsigned char composite[SIEVE_N];

/* ---- Sorting. */

/* Swaps *A and *B. */
static void
swap (int *a, int *b)
{
  int t = *a;
  *a = *b;
  *b = t;
}

/* Sorts A[0..N) by insertion; for short ranges. */
static void
insertion_sort (int *a, int n)
{
  int i, j;

  for (i = 1; i < n; i++)
    {
      int v = a[i];
      for (j = i; j > 0 && a[j - 1] > v; j--)
        a[j] = a[j - 1];
      a[j] = v;
    }
}

/* Sorts A[0..N) with quicksort (median-of-three pivot). */
static void
quicksort (int *a, int n)
{
  while (n > 16)
    {
      int mid = n / 2, i = 0, j = n - 1, pivot;

      if (a[mid] < a[0])
        swap (&a[mid], &a[0]);
      if (a[n - 1] < a[0])
        swap (&a[n - 1], &a[0]);
      if (a[n - 1] < a[mid])
        swap (&a[n - 1], &a[mid]);
      pivot = a[mid]; /* #BP:partition */
      for (;;)
        {
          while (a[i] < pivot)
            i++;
          while (a[j] > pivot)
            j--;
          if (i >= j)
            break;
          swap (&a[i++], &a[j--]);
        }
      /* Recurse into the smaller side, loop on the larger. */
      if (j + 1 < n - j - 1)
        {
          quicksort (a, j + 1);
          a += j + 1;
          n -= j + 1;
        }
      else
        {
          quicksort (a + j + 1, n - j - 1);
          n = j + 1;
        }
    }
  insertion_sort (a, n);
}

/* Sorts SORT_N pseudo-random ints; returns a position-weighted checksum. */
static unsigned long
bench_sort (void)
{
  unsigned long sum_before = 0, sum_after = 0, checksum = 0;
  int i;

  random_init (7);
  for (i = 0; i < SORT_N; i++)
    {
      numbers[i] = (int) random_ulong ();
      sum_before += (unsigned) numbers[i];
    }
  quicksort (numbers, SORT_N); /* #BP:sort */
  for (i = 0; i < SORT_N; i++)
    {
      if (i > 0 && numbers[i - 1] > numbers[i])
        fail ("sort: not sorted at %d", i);
      sum_after += (unsigned) numbers[i];
      checksum += (unsigned long) (unsigned) numbers[i] * (i + 1);
    }
  if (sum_after != sum_before)
    fail ("sort: sum changed from %lu to %lu", sum_before, sum_after);
  return checksum;
}

/* ---- Hashing. */

/* Rotates X left by R bits. */
static unsigned long
rotl (unsigned long x, int r)
{
  return x << r | x >> (64 - r);
}

/* Hashes N words at W, starting from SEED. */
static unsigned long
hash_words (const unsigned long *w, int n, unsigned long seed)
{
  unsigned long h = seed;
  int i;

  for (i = 0; i < n; i++)
    {
      unsigned long k = w[i] * 0x87c37b91114253d5UL; /* #BP:hash_word */
      k = rotl (k, 31) * 0x4cf5ad432745937fUL;
      h ^= k;
      h = rotl (h, 27) * 5 + 0x52dce729UL;
    }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdUL;
  h ^= h >> 33;
  return h;
}

/* Hashes a 64 KiB buffer HASH_ROUNDS times, feeding each result into
   the next round; returns the last hash. */
static unsigned long
bench_hash (void)
{
  unsigned long h = 0;
  int i, round;

  for (i = 0; i < HASH_WORDS; i++)
    words[i] = (unsigned long) i * 0x9e3779b97f4a7c15UL;
  for (round = 0; round < HASH_ROUNDS; round++)
    {
      h = hash_words (words, HASH_WORDS, h + round);
      words[round % HASH_WORDS] ^= h;
    }
  return h;
}

/* ---- Sieve of Eratosthenes. */

/* Counts the primes below N by trial division. */
static int
count_primes_slowly (int n)
{
  int count = 0, i, d;

  for (i = 2; i < n; i++)
    {
      for (d = 2; d * d <= i; d++)
        if (i % d == 0)
          break;
      if (d * d > i)
        count++;
    }
  return count;
}

/* Sieves the primes below SIEVE_N; returns their count and stores the
   count below SMALL in *SMALL_COUNT. */
static int
bench_sieve (int small, int *small_count)
{
  int count = 0, i, j;

  memset (composite, 0, sizeof composite);
  for (i = 2; (long) i * i < SIEVE_N; i++)
    if (!composite[i])
      for (j = i * i; j < SIEVE_N; j += i)
        composite[j] = 1; /* #BP:sieve_mark */
  for (i = 2; i < SIEVE_N; i++)
    {
      if (i == small)
        *small_count = count;
      count += !composite[i];
    }
  return count;
}

/* ---- Function calls. */

/* Returns the Nth Fibonacci number, recursively. */
static int
fib (int n)
{
  return n < 2 ? n : fib (n - 1) + fib (n - 2); /* #BP:fib */
}

/* Returns the Nth Fibonacci number, iteratively. */
static int
fib_loop (int n)
{
  int a = 0, b = 1;

  while (n-- > 0)
    {
      int t = a + b;
      a = b;
      b = t;
    }
  return a;
}

int
main (void)
{
  unsigned long sort_sum, hash;
  int primes, small_primes = 0, f;

  sort_sum = bench_sort (); /* #BP:main_entry */
  msg ("sort: %d ints, checksum %016lx", SORT_N, sort_sum);
  if (sort_sum != SORT_EXPECTED)
    fail ("sort: expected checksum %016lx", SORT_EXPECTED);

  hash = bench_hash ();
  msg ("hash: %d rounds over %d bytes, hash %016lx", HASH_ROUNDS,
       HASH_WORDS * 8, hash);
  if (hash != HASH_EXPECTED)
    fail ("hash: expected %016lx", HASH_EXPECTED);

  primes = bench_sieve (10000, &small_primes);
  msg ("sieve: %d primes below %d", primes, SIEVE_N);
  if (primes != PRIMES_EXPECTED)
    fail ("sieve: expected %d primes", PRIMES_EXPECTED);
  if (small_primes != count_primes_slowly (10000))
    fail ("sieve: %d primes below 10000 disagrees with trial division",
          small_primes);

  f = fib (FIB_N);
  msg ("fib: fib(%d) = %d", FIB_N, f);
  if (f != FIB_EXPECTED || f != fib_loop (FIB_N))
    fail ("fib: expected %d", FIB_EXPECTED);

  msg ("all results match");
  return 0;
}
