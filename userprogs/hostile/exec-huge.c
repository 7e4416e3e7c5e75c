/* exec-huge: forks children that exec huge-bss (a program whose .bss
   reaches almost to the kernel's base), for ever.  Every exec fails to
   load and its child exits with -1; only the guest-time limit (-T) ends
   the loop. */
#include <syscall.h>

const char *test_name = "exec-huge";

int
main (void)
{
  for (;;)
    {
      pid_t pid = fork ("exec-huge");
      if (pid == 0)
        exec ("huge-bss");
      if (pid > 0)
        wait (pid);
    }
}
