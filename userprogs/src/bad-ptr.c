/* bad-ptr: passes a kernel address as write()'s buffer.  A correct
   kernel kills the process with exit(-1), so the expected exit line is
   "bad-ptr: exit(-1)". */
#include <syscall.h>
#include <test.h>

const char *test_name = "bad-ptr";

#define KERN_BASE ((const void *) 0x8004000000UL)

int
main (void)
{
  int n;

  msg ("write from kernel address %p; the kernel must kill us", KERN_BASE);
  n = write (STDOUT_FILENO, KERN_BASE, 16); /* #BP:bad_write */
  fail ("write returned %d instead of killing the process", n);
  return 0;
}
