/* dup2-stdout: dup2 onto 1 sends printf's output into a file; a saved
   copy of the console (dup2 (1, 30)) brings it back.  The file then
   holds the redirected line. */
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "dup2-stdout";

int
main (void)
{
  char buf[64];
  int fd;

  CHECK (create ("out-file", 40), "create a 40-byte file");
  fd = open_or_fail ("out-file");
  CHECK (dup2 (1, 30) == 30, "save the console as fd 30");
  dup2 (fd, 1);
  printf ("this line goes to the file\n");
  dup2 (30, 1);
  close (30);
  msg ("the console is back");
  seek (fd, 0);
  memset (buf, 0, sizeof buf);
  read (fd, buf, 40);
  CHECK (strcmp (buf, "this line goes to the file\n") == 0,
         "the file holds the line (%d bytes)", (int) strlen (buf));
  return 0;
}
