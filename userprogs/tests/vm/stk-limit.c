/* stk-limit: the stack may grow to exactly 1 MiB.  With rsp moved to
   8 bytes above the lowest allowed address, a push stores its value in
   the last page of the 1 MiB stack, and the process goes on. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-limit";

/* Pushes VALUE with rsp set to RSP, then restores rsp. */
static void
push_at (unsigned long rsp, unsigned long value)
{
  __asm__ volatile ("mov %%rsp, %%r12\n\t"
                    "mov %0, %%rsp\n\t"
                    "push %1\n\t"
                    "mov %%r12, %%rsp"
                    : : "r" (rsp), "r" (value) : "r12", "memory");
}

int
main (void)
{
  volatile unsigned long *bottom = (unsigned long *) STACK_BOTTOM;

  CHECK (!resident ((void *) STACK_BOTTOM),
         "the lowest stack page has no frame");
  push_at (STACK_BOTTOM + 8, 0x1234567890abcdefUL);
  CHECK (resident ((void *) STACK_BOTTOM),
         "a push at USER_STACK - 1 MiB grows the stack");
  CHECK (*bottom == 0x1234567890abcdefUL, "the pushed value is there");
  return 0;
}
