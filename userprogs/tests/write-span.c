/* write-span: write() from a buffer that crosses page boundaries
   (three pages of .bss, starting 50 bytes before the first boundary)
   writes every byte. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "write-span";

#define SIZE 10000

static char readback[SIZE];
static char pages[4 * PAGE_SIZE] __attribute__ ((aligned (PAGE_SIZE)));

int
main (void)
{
  char *buf = pages + PAGE_SIZE - 50;
  int i, fd;

  for (i = 0; i < SIZE; i++)
    buf[i] = (char) (i * 5 + 1);
  CHECK (create ("span-data", SIZE), "create a %d-byte file", SIZE);
  fd = open_or_fail ("span-data");
  CHECK (write (fd, buf, SIZE) == SIZE,
         "write %d bytes across 3 page boundaries", SIZE);
  seek (fd, 0);
  CHECK (read (fd, readback, SIZE) == SIZE, "read them back");
  CHECK (memcmp (buf, readback, SIZE) == 0, "every byte is right");
  return 0;
}
