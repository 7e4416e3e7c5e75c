/* stk-rsp16: the first access to a fresh page 16 bytes below rsp is not
   stack growth (the rule allows rsp - 8 at the lowest): killed. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-rsp16";

int
main (void)
{
  unsigned long top = USER_STACK - 512 * 1024;

  msg ("store to rsp - 16 in a fresh page");
  __asm__ volatile ("mov %%rsp, %%r12\n\t"
                    "mov %0, %%rsp\n\t"
                    "movq $1, -16(%%rsp)\n\t"
                    "mov %%r12, %%rsp"
                    : : "r" (top) : "r12", "memory");
  fail ("the process survived");
}
