/* read-span: read() into a buffer that crosses page boundaries (three
   pages of .bss, starting 50 bytes before the first boundary) fills
   every byte. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "read-span";

#define SIZE 10000

static char source[SIZE];
static char pages[4 * PAGE_SIZE] __attribute__ ((aligned (PAGE_SIZE)));

int
main (void)
{
  char *buf = pages + PAGE_SIZE - 50;
  int i, fd;

  for (i = 0; i < SIZE; i++)
    source[i] = (char) (i * 7 + 3);
  make_file ("span-data", source, SIZE);
  fd = open_or_fail ("span-data");
  CHECK (read (fd, buf, SIZE) == SIZE, "read %d bytes across 3 page boundaries",
         SIZE);
  CHECK (memcmp (buf, source, SIZE) == 0, "every byte is right");
  return 0;
}
