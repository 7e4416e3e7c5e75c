/* wait-killed: a child the kernel kills has exit status -1, whether
   it faulted in user code or passed a bad pointer to a system call. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "wait-killed";

int
main (void)
{
  pid_t pid;

  pid = fork ("fault-child");
  if (pid == 0)
    {
      *(volatile int *) NULL = 1;
      exit (1);
    }
  msg ("child that wrote to NULL: wait returned %d", wait (pid));

  pid = fork ("ptr-child");
  if (pid == 0)
    {
      write (1, (void *) KERN_BASE, 8);
      exit (2);
    }
  msg ("child that passed a kernel pointer: wait returned %d", wait (pid));
  return 0;
}
