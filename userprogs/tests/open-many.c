/* open-many: a process can hold 100 descriptors for one file at once,
   all different; after closing them all it can open the file again. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "open-many";

#define COUNT 100

int
main (void)
{
  int fds[COUNT];
  int i, j, dup = 0;

  make_file ("many", "x", 1);
  for (i = 0; i < COUNT; i++)
    fds[i] = open_or_fail ("many");
  for (i = 0; i < COUNT; i++)
    for (j = i + 1; j < COUNT; j++)
      dup += fds[i] == fds[j];
  CHECK (dup == 0, "%d open descriptors, all different", COUNT);
  for (i = 0; i < COUNT; i++)
    close (fds[i]);
  CHECK (open ("many") >= 2, "after closing them all, open works again");
  return 0;
}
