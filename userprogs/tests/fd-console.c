/* fd-console: fd 1 writes to the console and returns the byte count;
   fd 0 is for reading only and fd 1 for writing only: the other
   direction returns -1. */
#include <syscall.h>
#include <test.h>

const char *test_name = "fd-console";

int
main (void)
{
  char buf[4];
  int n;

  n = write (1, "straight to the console\n", 24);
  msg ("write to fd 1 returned %d", n);
  msg ("write to fd 0 returned %d", write (0, "x", 1));
  msg ("read from fd 1 returned %d", read (1, buf, 1));
  return 0;
}
