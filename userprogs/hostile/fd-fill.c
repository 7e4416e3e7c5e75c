/* fd-fill: opens its own executable until open fails, then goes on
   asking for more; it must get -1 each time and exit normally with the
   number of descriptors it got. */
#include <syscall.h>

const char *test_name = "fd-fill";

int
main (void)
{
  int got = 0, refused = 0;
  while (refused < 1000)
    {
      if (open ("fd-fill") >= 0)
        got++;
      else
        refused++;
    }
  return got;
}
