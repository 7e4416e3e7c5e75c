/* files.c: file helpers shared by every test program (see files.h). */
#include "files.h"
#include <syscall.h>
#include <test.h>

void
make_file (const char *name, const void *data, unsigned len)
{
  int fd;

  if (!create (name, len))
    fail ("create \"%s\" failed", name);
  fd = open_or_fail (name);
  if (write (fd, data, len) != (int) len)
    fail ("write to \"%s\" was short", name);
  close (fd);
}

int
open_or_fail (const char *name)
{
  int fd = open (name);

  if (fd < 2)
    fail ("open \"%s\" returned %d", name, fd);
  return fd;
}
