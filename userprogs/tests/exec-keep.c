/* exec-keep: exec keeps the process: its pid (the parent's wait for
   that pid gets the new program's status), its name (the exit line
   still says "keeper") and its open files, with their positions. */
#include <stdio.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "exec-keep";

int
main (void)
{
  char buf[8] = "";
  char cmd[32];
  pid_t pid;
  int fd;

  make_file ("keep-data", "0123456789", 10);
  fd = open_or_fail ("keep-data");
  CHECK (read (fd, buf, 4) == 4, "read '%s' before the exec", buf);
  pid = fork ("keeper");
  if (pid == 0)
    {
      snprintf (cmd, sizeof cmd, "exec-target %d 456789", fd);
      exec (cmd);
      fail ("exec returned");
    }
  msg ("keeper exited with %d", wait (pid));
  return 0;
}
