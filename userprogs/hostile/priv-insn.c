/* priv-insn N: runs privileged instruction N (0 hlt, 1 cli, 2 sti,
   3 in, 4 out, 5 mov to cr3, 6 lgdt, 7 wrmsr, 8 int 0x30); the kernel
   kills the process with exit(-1) as Pintos does. */
#include <syscall.h>

const char *test_name = "priv-insn";
#include <stdlib.h>

int
main (int argc, char *argv[])
{
  int n = argc > 1 ? atoi (argv[1]) : 0;
  static char table[10];
  switch (n)
    {
    case 0: asm volatile ("hlt"); break;
    case 1: asm volatile ("cli"); break;
    case 2: asm volatile ("sti"); break;
    case 3: asm volatile ("inb $0x60, %%al" ::: "rax"); break;
    case 4: asm volatile ("outb %%al, $0x80" ::: "rax"); break;
    case 5: asm volatile ("mov %%rax, %%cr3" ::"a"(0)); break;
    case 6: asm volatile ("lgdt %0" ::"m"(table)); break;
    case 7: asm volatile ("wrmsr" ::"c"(0), "a"(0), "d"(0)); break;
    default: asm volatile ("int $0x30"); break;
    }
  return 0;
}
