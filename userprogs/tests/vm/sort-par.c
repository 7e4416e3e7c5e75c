/* sort-par: eight processes sort in parallel under memory pressure.
   The parent writes 8 chunk files of 64 KiB of pseudo-random words,
   forks 8 children that each exec "sort-par-child partK", waits for
   them, then merges the sorted files and checks the result is in order
   and holds the same words (count, sum, xor). */
#include <stdio.h>
#include <syscall.h>
#include <test.h>
#include "lib/sort-files.h"
#include "lib/vm-util.h"

const char *test_name = "sort-par";

#define BUF_WORDS 256                   /* Per-file read buffer. */

/* A sorted chunk file read a buffer at a time. */
struct reader
  {
    int fd;
    unsigned buf[BUF_WORDS];
    int pos, len;
  };

/* Sum and xor of a set of words. */
struct digest
  {
    unsigned long count, sum;
    unsigned xor;
  };

static void
add (struct digest *d, unsigned w)
{
  d->count++;
  d->sum += w;
  d->xor ^= w;
}

/* Writes chunk file K; adds its words to D. */
static void
write_chunk (int k, struct digest *d)
{
  static unsigned buf[BUF_WORDS];
  char name[16];
  int fd, i, j;

  snprintf (name, sizeof name, "part%d", k);
  if (!create (name, CHUNK_BYTES))
    fail ("create \"%s\" failed", name);
  fd = open_or_fail (name);
  for (i = 0; i < CHUNK_WORDS; i += BUF_WORDS)
    {
      for (j = 0; j < BUF_WORDS; j++)
        {
          buf[j] = (unsigned) pattern_word (40 + k, i + j);
          add (d, buf[j]);
        }
      if (write (fd, buf, sizeof buf) != sizeof buf)
        fail ("write to \"%s\" failed", name);
    }
  close (fd);
}

/* The next word of R, or false at the end of its file. */
static bool
next_word (struct reader *r, unsigned *w)
{
  if (r->pos == r->len)
    {
      int n = read (r->fd, r->buf, sizeof r->buf);

      if (n <= 0)
        return false;
      r->len = n / 4;
      r->pos = 0;
    }
  *w = r->buf[r->pos++];
  return true;
}

/* Merges the sorted chunk files; adds the words to D.  Returns the
   number of words out of order. */
static int
merge (struct digest *d)
{
  static struct reader readers[CHUNKS];
  unsigned head[CHUNKS], last = 0;
  bool live[CHUNKS];
  int k, disorder = 0;

  for (k = 0; k < CHUNKS; k++)
    {
      char name[16];

      snprintf (name, sizeof name, "part%d", k);
      readers[k].fd = open_or_fail (name);
      readers[k].pos = readers[k].len = 0;
      live[k] = next_word (&readers[k], &head[k]);
    }
  for (;;)
    {
      int min = -1;

      for (k = 0; k < CHUNKS; k++)
        if (live[k] && (min < 0 || head[k] < head[min]))
          min = k;
      if (min < 0)
        break;
      if (head[min] < last)
        disorder++;
      last = head[min];
      add (d, last);
      live[min] = next_word (&readers[min], &head[min]);
    }
  return disorder;
}

int
main (void)
{
  struct digest before = { 0, 0, 0 }, after = { 0, 0, 0 };
  pid_t pids[CHUNKS];
  int k;

  for (k = 0; k < CHUNKS; k++)
    write_chunk (k, &before);
  msg ("wrote %d chunk files of %d words", CHUNKS, CHUNK_WORDS);
  for (k = 0; k < CHUNKS; k++)
    {
      char name[16];

      snprintf (name, sizeof name, "sorter-%d", k);
      pids[k] = fork (name);
      if (pids[k] == 0)
        {
          char cmd[32];

          snprintf (cmd, sizeof cmd, "sort-par-child part%d", k);
          exec (cmd);
          fail ("exec \"%s\" failed", cmd);
        }
      if (pids[k] < 0)
        fail ("fork of %s failed", name);
    }
  msg ("started %d sorters", CHUNKS);
  for (k = 0; k < CHUNKS; k++)
    if (wait (pids[k]) != 0)
      fail ("sorter-%d failed", k);
  msg ("every sorter exited with 0");
  CHECK (merge (&after) == 0, "the merged files are in order");
  CHECK (after.count == before.count && after.sum == before.sum
         && after.xor == before.xor, "and hold the same %lu words",
         after.count);
  return 0;
}
