/* stk-push: an access at exactly rsp - 8 grows the stack.  Two fresh
   pages far below the stack: a push with rsp at the top of one, and a
   store to -8(%rsp) with rsp at the top of the other. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-push";

int
main (void)
{
  unsigned long top1 = USER_STACK - 512 * 1024;
  unsigned long top2 = USER_STACK - 768 * 1024;
  volatile unsigned long *w1 = (unsigned long *) (top1 - 8);
  volatile unsigned long *w2 = (unsigned long *) (top2 - 8);

  CHECK (!resident ((void *) w1) && !resident ((void *) w2),
         "the two pages have no frame");
  __asm__ volatile ("mov %%rsp, %%r12\n\t"
                    "mov %0, %%rsp\n\t"
                    "push %1\n\t"
                    "mov %%r12, %%rsp"
                    : : "r" (top1), "r" (0x1111UL) : "r12", "memory");
  CHECK (*w1 == 0x1111, "a push into a fresh page grows the stack");
  __asm__ volatile ("mov %%rsp, %%r12\n\t"
                    "mov %0, %%rsp\n\t"
                    "mov %1, -8(%%rsp)\n\t"
                    "mov %%r12, %%rsp"
                    : : "r" (top2), "r" (0x2222UL) : "r12", "memory");
  CHECK (*w2 == 0x2222, "a store to rsp - 8 grows the stack");
  return 0;
}
