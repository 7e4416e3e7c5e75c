/* close-twice: closing a descriptor twice is harmless, and a closed
   descriptor reads -1. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "close-twice";

int
main (void)
{
  char buf[4];
  int fd;

  make_file ("closing", "abc", 3);
  fd = open_or_fail ("closing");
  close (fd);
  close (fd);
  msg ("closed twice; read on it returns %d", read (fd, buf, 1));
  return 0;
}
