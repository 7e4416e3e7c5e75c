/* shim.c: lets a user program run natively on Linux x86-64.  It stands
   in for start.c and syscall.c: _start, write() and exit() use Linux
   system calls, so printf and the test helpers behave as under Pintos. */
#include <syscall.h>

int main (int argc, char *argv[]);
void native_start (long *sp) __attribute__ ((noreturn));

#define LINUX_WRITE 1
#define LINUX_EXIT_GROUP 231

/* Issues Linux system call NR with three arguments. */
static long
linux_syscall (long nr, long a1, long a2, long a3)
{
  long ret;

  __asm__ volatile ("syscall"
                    : "=a" (ret)
                    : "a" (nr), "D" (a1), "S" (a2), "d" (a3)
                    : "rcx", "r11", "memory");
  return ret;
}

/* Writes SIZE bytes of BUFFER to FD. */
int
write (int fd, const void *buffer, unsigned size)
{
  return (int) linux_syscall (LINUX_WRITE, fd, (long) buffer, size);
}

/* Ends the process with STATUS. */
void
exit (int status)
{
  linux_syscall (LINUX_EXIT_GROUP, status, 0, 0);
  for (;;)
    continue;
}

/* Called by _start with the initial stack: argc, then argv. */
void
native_start (long *sp)
{
  exit (main ((int) sp[0], (char **) (sp + 1)));
}

/* Linux entry: pass the initial stack pointer, keep rsp 16-byte aligned. */
__asm__ (".text\n"
         ".globl _start\n"
         ".type _start, @function\n"
         "_start:\n"
         "\txor %ebp, %ebp\n"
         "\tmov %rsp, %rdi\n"
         "\tand $-16, %rsp\n"
         "\tcall native_start\n"
         "\thlt\n");
