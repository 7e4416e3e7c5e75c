/* stdlib.c: atoi, abs, a deterministic xorshift64* PRNG and a
   heapsort-based qsort. */
#include <stdlib.h>
#include <stdbool.h>

/* Converts the decimal number at the start of S (after blanks, with an
   optional sign) to an int. */
int
atoi (const char *s)
{
  bool negative = false;
  int value = 0;

  while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
    s++;
  if (*s == '+' || *s == '-')
    negative = *s++ == '-';
  for (; *s >= '0' && *s <= '9'; s++)
    value = value * 10 - (*s - '0');
  return negative ? value : -value;
}

/* Returns the absolute value of X. */
int
abs (int x)
{
  return x < 0 ? -x : x;
}

/* Returns the absolute value of X. */
long
labs (long x)
{
  return x < 0 ? -x : x;
}

/* PRNG state; never zero. */
static unsigned long random_state = 0x853c49e6748fea9bUL;

/* Seeds the generator; the same seed always gives the same sequence. */
void
random_init (unsigned seed)
{
  random_state = (seed + 1UL) * 0x9e3779b97f4a7c15UL;
  if (random_state == 0)
    random_state = 0x853c49e6748fea9bUL;
}

/* Returns the next 64-bit pseudo-random number (xorshift64*). */
unsigned long
random_ulong (void)
{
  unsigned long x = random_state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  random_state = x;
  return x * 0x2545f4914f6cdd1dUL;
}

/* Swaps two elements of SIZE bytes. */
static void
swap_bytes (char *a, char *b, size_t size)
{
  while (size-- > 0)
    {
      char t = *a;
      *a++ = *b;
      *b++ = t;
    }
}

/* Moves element ROOT down the max-heap of COUNT elements at BASE. */
static void
sift_down (char *base, size_t size, size_t root, size_t count,
           int (*compare) (const void *, const void *))
{
  for (;;)
    {
      size_t child = 2 * root + 1;

      if (child >= count)
        return;
      if (child + 1 < count
          && compare (base + child * size, base + (child + 1) * size) < 0)
        child++;
      if (compare (base + root * size, base + child * size) >= 0)
        return;
      swap_bytes (base + root * size, base + child * size, size);
      root = child;
    }
}

/* Sorts COUNT elements of SIZE bytes at BASE in COMPARE order
   (heapsort: O(n log n), not stable). */
void
qsort (void *base, size_t count, size_t size,
       int (*compare) (const void *, const void *))
{
  char *b = base;
  size_t i;

  if (count < 2)
    return;
  for (i = count / 2; i-- > 0; )
    sift_down (b, size, i, count, compare);
  for (i = count - 1; i > 0; i--)
    {
      swap_bytes (b, b + i * size, size);
      sift_down (b, size, 0, i, compare);
    }
}
