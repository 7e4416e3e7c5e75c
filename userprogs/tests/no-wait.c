/* no-wait: a parent may exit without waiting for its children; each
   child still exits normally and nothing of theirs is kept.  The parent
   spins long enough for the children to finish first. */
#include <stdio.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "no-wait";

int
main (void)
{
  volatile long spin;
  char name[16];
  int k;

  for (k = 0; k < 3; k++)
    {
      snprintf (name, sizeof name, "orphan-%d", k);
      if (fork (name) == 0)
        exit (k);
    }
  for (spin = 0; spin < 3000000; spin++)
    continue;
  msg ("parent exits without waiting");
  return 0;
}
