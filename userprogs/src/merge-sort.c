/* merge-sort: sorts 1 MiB of pseudo-random bytes with eight child
   processes.  The parent writes the data into files chunk0..chunk7,
   forks eight children that each exec "sort-chunk chunkN" to sort
   one file in place, waits for them, then merges the sorted chunks and
   checks the result is sorted and has the original histogram. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "merge-sort";

#define CHUNKS 8
#define CHUNK_SIZE (128 * 1024)
#define DATA_SIZE (CHUNKS * CHUNK_SIZE)

static unsigned char data[DATA_SIZE];   /* Unsorted, then sorted chunks. */
static unsigned char merged[DATA_SIZE]; /* Merge result. */
static unsigned long histogram[256];    /* Of the original data. */

/* Fills DATA with pseudo-random bytes and counts them. */
static void
make_data (void)
{
  int i, j;

  random_init (2024);
  for (i = 0; i < DATA_SIZE; i += 8)
    {
      unsigned long r = random_ulong ();
      for (j = 0; j < 8; j++, r >>= 8)
        data[i + j] = (unsigned char) r;
    }
  for (i = 0; i < DATA_SIZE; i++)
    histogram[data[i]]++;
}

/* Writes chunk K of DATA into file "chunkK". */
static void
write_chunk (int k)
{
  char name[16];
  int fd, n;

  snprintf (name, sizeof name, "chunk%d", k);
  if (!create (name, CHUNK_SIZE))
    fail ("create \"%s\" failed", name);
  fd = open (name);
  if (fd < 2)
    fail ("open \"%s\" failed", name);
  n = write (fd, data + k * CHUNK_SIZE, CHUNK_SIZE); /* #BP:write_chunk */
  if (n != CHUNK_SIZE)
    fail ("write \"%s\" failed", name);
  close (fd);
}

/* Reads file "chunkK" back into chunk K of DATA and checks it is sorted. */
static void
read_chunk (int k)
{
  unsigned char *chunk = data + k * CHUNK_SIZE;
  char name[16];
  int fd, i;

  snprintf (name, sizeof name, "chunk%d", k);
  fd = open (name);
  if (fd < 2)
    fail ("open \"%s\" failed", name);
  if (read (fd, chunk, CHUNK_SIZE) != CHUNK_SIZE)
    fail ("read \"%s\" failed", name);
  close (fd);
  for (i = 1; i < CHUNK_SIZE; i++)
    if (chunk[i - 1] > chunk[i])
      fail ("\"%s\" is not sorted at byte %d", name, i);
}

/* Merges the CHUNKS sorted chunks of DATA into MERGED, moving runs of
   equal bytes at a time. */
static void
merge (void)
{
  unsigned char *head[CHUNKS], *end[CHUNKS];
  unsigned char *out = merged;
  int k;

  for (k = 0; k < CHUNKS; k++)
    {
      head[k] = data + k * CHUNK_SIZE;
      end[k] = head[k] + CHUNK_SIZE;
    }
  for (;;)
    {
      int min = -1;
      unsigned char value;

      for (k = 0; k < CHUNKS; k++)
        if (head[k] < end[k] && (min < 0 || *head[k] < *head[min]))
          min = k;
      if (min < 0)
        break;
      value = *head[min]; /* #BP:merge_step */
      while (head[min] < end[min] && *head[min] == value)
        *out++ = *head[min]++;
    }
  if (out != merged + DATA_SIZE)
    fail ("merge produced %ld bytes", (long) (out - merged));
}

int
main (void)
{
  pid_t pids[CHUNKS];
  unsigned long counts[256];
  int k, i;

  make_data (); /* #BP:main_entry */
  for (k = 0; k < CHUNKS; k++)
    write_chunk (k);
  msg ("wrote %d chunks of %d bytes", CHUNKS, CHUNK_SIZE);

  for (k = 0; k < CHUNKS; k++)
    {
      char name[16];

      snprintf (name, sizeof name, "sorter-%d", k);
      pids[k] = fork (name); /* #BP:fork */
      if (pids[k] == 0)
        {
          char cmd[32];

          snprintf (cmd, sizeof cmd, "sort-chunk chunk%d", k);
          exec (cmd); /* #BP:exec */
          fail ("exec \"%s\" failed", cmd);
        }
      if (pids[k] < 0)
        fail ("fork of %s failed", name);
    }
  msg ("started %d sorters", CHUNKS);

  for (k = 0; k < CHUNKS; k++)
    {
      int status = wait (pids[k]); /* #BP:wait */
      if (status != 0)
        fail ("sorter-%d exited with %d", k, status);
    }
  msg ("all sorters exited with 0");

  for (k = 0; k < CHUNKS; k++)
    read_chunk (k);
  msg ("read back %d sorted chunks", CHUNKS);

  merge ();
  for (i = 1; i < DATA_SIZE; i++)
    if (merged[i - 1] > merged[i])
      fail ("merged data not sorted at byte %d", i);
  memset (counts, 0, sizeof counts);
  for (i = 0; i < DATA_SIZE; i++)
    counts[merged[i]]++;
  CHECK (memcmp (counts, histogram, sizeof counts) == 0,
         "merged %d bytes: sorted, histogram matches", DATA_SIZE);
  return 0;
}
