/* deny-self: a running program's executable is write-denied: write()
   to it returns 0, while reading it works. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "deny-self";

int
main (void)
{
  char magic[4];
  int fd = open_or_fail ("deny-self");

  msg ("write to my own executable returns %d", write (fd, "junk", 4));
  seek (fd, 0);
  CHECK (read (fd, magic, 4) == 4 && memcmp (magic, "\177ELF", 4) == 0,
         "reading it still works and shows the ELF magic");
  return 0;
}
