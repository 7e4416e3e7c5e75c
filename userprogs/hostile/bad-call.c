/* bad-call NR ADDR: makes system call NR with every argument equal to
   ADDR (decimal or 0x hex), for fuzzing the kernel's argument checks.
   A bad pointer must end the process with exit(-1); anything else
   returns and the program exits with 0. */
#include <syscall.h>

const char *test_name = "bad-call";
#include <stdlib.h>

static unsigned long
parse (const char *s)
{
  unsigned long v = 0;
  int base = 10;
  if (s[0] == '0' && s[1] == 'x')
    {
      base = 16;
      s += 2;
    }
  for (; *s; s++)
    {
      int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
      if (d < 0 || d >= base)
        break;
      v = v * base + d;
    }
  return v;
}

int
main (int argc, char *argv[])
{
  long nr = argc > 1 ? (long) parse (argv[1]) : 0;
  unsigned long a = argc > 2 ? parse (argv[2]) : 0;
  register unsigned long r10 asm ("r10") = a;
  register unsigned long r8 asm ("r8") = a;
  register unsigned long r9 asm ("r9") = a;
  long ret;
  asm volatile ("syscall"
                : "=a"(ret)
                : "a"(nr), "D"(a), "S"(a), "d"(a), "r"(r10), "r"(r8), "r"(r9)
                : "rcx", "r11", "memory");
  return ret == 0x7fffffff ? 1 : 0;
}
