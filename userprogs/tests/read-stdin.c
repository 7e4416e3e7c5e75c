/* read-stdin: read() from fd 0 returns the keyboard input, as many
   bytes as asked for. */
#include <syscall.h>
#include <test.h>

const char *test_name = "read-stdin";

int
main (void)
{
  char first[9] = "", second[7] = "";
  int n1, n2;

  n1 = read (0, first, 8);
  n2 = read (0, second, 6);
  msg ("read %d bytes: '%s'", n1, first);
  msg ("read %d bytes: '%s'", n2, second);
  return 0;
}
