/* open-twice: each open of the same file gives a new descriptor with a
   position of its own. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "open-twice";

int
main (void)
{
  char a[4] = "", b[4] = "";
  int fd1, fd2;

  make_file ("twice", "abcdef", 6);
  fd1 = open_or_fail ("twice");
  fd2 = open_or_fail ("twice");
  CHECK (fd1 != fd2, "the two descriptors differ");
  read (fd1, a, 3);
  read (fd2, b, 3);
  msg ("first read on each: '%s' and '%s'", a, b);
  read (fd1, a, 3);
  msg ("second read on the first: '%s'", a);
  return 0;
}
