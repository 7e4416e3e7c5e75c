/* exec-target: run by exec-keep as "exec-target FD TEXT": reads
   strlen (TEXT) bytes from descriptor FD, which it inherited across
   exec, and exits with 42 if they are TEXT. */
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "exec-target";

int
main (int argc, char *argv[])
{
  char buf[32] = "";
  int fd, len;

  msg ("argc = %d", argc);
  if (argc != 3)
    fail ("usage: exec-target FD TEXT");
  fd = atoi (argv[1]);
  len = strlen (argv[2]);
  if (len >= (int) sizeof buf || read (fd, buf, len) != len)
    fail ("reading fd %d failed", fd);
  msg ("fd %d reads '%s'", fd, buf);
  return strcmp (buf, argv[2]) == 0 ? 42 : 1;
}
