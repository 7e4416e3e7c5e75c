/* bad-high-wr: write() from an address near the top of the address space
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-high-wr";

int
main (void)
{
  msg ("write from 0xffffffffffff0000");
  write (1, (void *) 0xffffffffffff0000UL, 8);
  fail ("the process survived");
}
