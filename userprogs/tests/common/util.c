/* util.c: functions shared by the system-call tests. */
#include "util.h"
#include <syscall.h>
#include <test.h>

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
