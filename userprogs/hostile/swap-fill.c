/* swap-fill: writes to every page of a 64 MiB array, more than RAM and
   swap hold together at the default sizes; the kernel kills it with
   exit(-1) once no frame and no swap slot is left. */
#include <syscall.h>

const char *test_name = "swap-fill";

#define PAGES (64 * 256)
static char pages[PAGES][4096];

int
main (void)
{
  int i;
  for (i = 0; i < PAGES; i++)
    pages[i][0] = (char) i;
  return 0;
}
