/* deny-exec: while a child runs deny-target, that file is
   write-denied (the child checks it); once the child has exited, the
   parent can write to it again (it writes back the same 4 bytes). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "deny-exec";

int
main (void)
{
  char magic[4];
  pid_t pid;
  int fd;

  fd = open_or_fail ("deny-target");
  CHECK (read (fd, magic, 4) == 4, "read the first 4 bytes of deny-target");
  pid = fork ("target");
  if (pid == 0)
    {
      exec ("deny-target");
      fail ("exec returned");
    }
  msg ("child exited with %d", wait (pid));
  seek (fd, 0);
  msg ("writing them back now returns %d", write (fd, magic, 4));
  return 0;
}
