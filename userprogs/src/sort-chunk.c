/* sort-chunk: sorts the bytes of the file named by its argument
   in place (counting sort).  Started by merge-sort; prints nothing
   unless something goes wrong. */
#include <string.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "sort-chunk";

#define MAX_SIZE (256 * 1024)

static unsigned char buf[MAX_SIZE];
static unsigned long counts[256];

/* Sorts the N bytes of BUF by counting them. */
static void
counting_sort (int n)
{
  int i, v, out = 0;

  for (i = 0; i < n; i++)
    counts[buf[i]]++; /* #BP:count */
  for (v = 0; v < 256; v++)
    {
      memset (buf + out, v, counts[v]);
      out += (int) counts[v];
    }
}

int
main (int argc, char *argv[])
{
  int fd, size;

  if (argc != 2) /* #BP:main_entry */
    fail ("usage: sort-chunk FILE");
  fd = open (argv[1]);
  if (fd < 2)
    fail ("open \"%s\" failed", argv[1]);
  size = filesize (fd);
  if (size <= 0 || size > MAX_SIZE)
    fail ("\"%s\" has bad size %d", argv[1], size);
  if (read (fd, buf, size) != size)
    fail ("read \"%s\" failed", argv[1]);

  counting_sort (size); /* #BP:sort */

  seek (fd, 0);
  if (write (fd, buf, size) != size)
    fail ("write \"%s\" failed", argv[1]);
  close (fd);
  return 0;
}
