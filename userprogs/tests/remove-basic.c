/* remove-basic: remove returns true for an existing file and false for
   a missing one; a removed file cannot be opened. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "remove-basic";

int
main (void)
{
  CHECK (!remove ("no-such-file"), "remove of a missing file returns false");
  make_file ("victim", "x", 1);
  CHECK (remove ("victim"), "remove \"victim\" returns true");
  CHECK (open ("victim") == -1, "open \"victim\" now returns -1");
  CHECK (!remove ("victim"), "a second remove returns false");
  return 0;
}
