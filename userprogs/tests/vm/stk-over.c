/* stk-over: growing the stack past 1 MiB kills the process.  With rsp
   at USER_STACK - 1 MiB, a push would store below the limit. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-over";

int
main (void)
{
  msg ("push with rsp at USER_STACK - 1 MiB");
  __asm__ volatile ("mov %0, %%rsp\n\t"
                    "push %%rax"
                    : : "r" (STACK_BOTTOM) : "memory");
  fail ("the process survived");
}
