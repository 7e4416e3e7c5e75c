/* util.c: functions shared by the system-call tests. */
#include "util.h"
#include <syscall.h>
#include <test.h>

void
make_file (const char *name, const void *data, unsigned len)
{
  int fd;

  if (!create (name, len))
    fail ("create \"%s\" failed", name);
  fd = open (name);
  if (fd < 2)
    fail ("open \"%s\" returned %d", name, fd);
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

void
print_args (int argc, char *argv[])
{
  int i;

  msg ("argc = %d", argc);
  for (i = 0; i < argc; i++)
    msg ("argv[%d] = '%s'", i, argv[i]);
  CHECK (argv[argc] == NULL, "argv[%d] is NULL", argc);
}

long
raw_syscall (long nr, long a1)
{
  long ret;

  __asm__ volatile ("syscall"
                    : "=a" (ret)
                    : "a" (nr), "D" (a1)
                    : "rcx", "r11", "memory");
  return ret;
}
