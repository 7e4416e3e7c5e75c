/* sort-par-child: sorts the 32-bit words of the chunk file named by its
   argument in place (merge sort).  Run by sort-par; prints nothing
   unless something goes wrong. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "lib/sort-files.h"
#include "lib/vm-util.h"

const char *test_name = "sort-par-child";

static unsigned words[CHUNK_WORDS];
static unsigned scratch[CHUNK_WORDS];

/* Sorts the N words at A, using the N words at TMP. */
static void
merge_sort (unsigned *a, unsigned *tmp, int n)
{
  int mid = n / 2, i = 0, j = mid, k = 0;

  if (n < 2)
    return;
  merge_sort (a, tmp, mid);
  merge_sort (a + mid, tmp, n - mid);
  while (i < mid && j < n)
    tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
  while (i < mid)
    tmp[k++] = a[i++];
  while (j < n)
    tmp[k++] = a[j++];
  memcpy (a, tmp, n * sizeof *a);
}

int
main (int argc, char *argv[])
{
  int fd;

  if (argc != 2)
    fail ("usage: sort-par-child FILE");
  fd = open_or_fail (argv[1]);
  if (read (fd, words, CHUNK_BYTES) != CHUNK_BYTES)
    fail ("read of \"%s\" failed", argv[1]);
  merge_sort (words, scratch, CHUNK_WORDS);
  seek (fd, 0);
  if (write (fd, words, CHUNK_BYTES) != CHUNK_BYTES)
    fail ("write of \"%s\" failed", argv[1]);
  close (fd);
  return 0;
}
