/* stack-grow: grows the stack three ways: from inside a read() system
   call into a fresh 16 KiB local buffer, by a 64 KiB local array, and by
   deep recursion.  The stack stays well under the 1 MiB limit. */
#include <string.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "stack-grow";

#define PAGE_SIZE 4096
#define FILE_BYTES (16 * 1024)          /* Read into a fresh stack buffer. */
#define BIG_ARRAY (64 * 1024)           /* Size of the big local array. */
#define DEPTH 2000                      /* Recursion depth. */
#define WORDS 12                        /* Words per recursion frame. */

/* Content of sg.txt. */
static char pattern[FILE_BYTES];

/* Address of a local of main() and the lowest one the recursion reached. */
static unsigned long main_frame, lowest_frame = ~0UL;

/* Reads FD's FILE_BYTES bytes into a local buffer that nothing has
   touched yet, so the kernel's own write must grow the stack. */
static void
read_into_fresh_stack (int fd)
{
  char buf[FILE_BYTES];
  int absent = 0, page, n;

  for (page = 1; page < FILE_BYTES / PAGE_SIZE - 1; page++)
    if (get_frame (buf + page * PAGE_SIZE) == NULL)
      absent++;
  n = read (fd, buf, sizeof buf); /* #BP:read_fresh_stack */
  CHECK (n == FILE_BYTES, "read %d bytes into a fresh stack buffer", n);
  CHECK (memcmp (buf, pattern, sizeof buf) == 0,
         "buffer holds the file content");
  msg ("inner buffer pages absent before read: %d of %d", absent,
       FILE_BYTES / PAGE_SIZE - 2);
}

/* Fills and checks a 64 KiB local array; returns the sum of its bytes. */
static unsigned long
big_local_array (void)
{
  unsigned char array[BIG_ARRAY];
  volatile unsigned char *a = array;
  unsigned long sum = 0;
  int i;

  for (i = 0; i < BIG_ARRAY; i++)
    a[i] = (unsigned char) (i * 31 + 7); /* #BP:fill_big_array */
  for (i = BIG_ARRAY - 1; i >= 0; i--)
    {
      if (a[i] != (unsigned char) (i * 31 + 7))
        fail ("big array byte %d is %d", i, a[i]);
      sum += a[i];
    }
  return sum;
}

/* Recurses DEPTH levels with a WORDS-word array per frame; returns the
   sum of all the frames' words. */
static unsigned long
recurse (int depth)
{
  volatile unsigned long frame[WORDS];
  unsigned long sum = 0;
  int i;

  for (i = 0; i < WORDS; i++)
    frame[i] = (unsigned long) depth * WORDS + i; /* #BP:recurse_entry */
  if ((unsigned long) frame < lowest_frame)
    lowest_frame = (unsigned long) frame;
  if (depth > 0)
    sum = recurse (depth - 1);
  for (i = 0; i < WORDS; i++)
    sum += frame[i];
  return sum;
}

int
main (void)
{
  unsigned long n = (unsigned long) (DEPTH + 1) * WORDS;
  unsigned long sum;
  int fd, i;

  main_frame = (unsigned long) &fd; /* #BP:main_entry */
  for (i = 0; i < FILE_BYTES; i++)
    pattern[i] = (char) ('a' + i % 23);
  CHECK (create ("sg.txt", FILE_BYTES), "create \"sg.txt\"");
  fd = open ("sg.txt");
  CHECK (fd > 1, "open \"sg.txt\"");
  CHECK (write (fd, pattern, FILE_BYTES) == FILE_BYTES, "write the file");
  seek (fd, 0);

  read_into_fresh_stack (fd);
  close (fd);

  sum = big_local_array (); /* #BP:after_big_array */
  CHECK (sum == 256UL * (255 * 256 / 2), "64 KiB local array sum %lu", sum);

  sum = recurse (DEPTH); /* #BP:after_recursion */
  CHECK (sum == n * (n - 1) / 2, "recursion depth %d sum %lu", DEPTH, sum);
  CHECK (main_frame - lowest_frame > 128 * 1024,
         "recursion used more than 128 KiB of stack");
  CHECK (main_frame - lowest_frame < 1024 * 1024, "and less than 1 MiB");

  CHECK (remove ("sg.txt"), "remove \"sg.txt\"");
  return 0;
}
