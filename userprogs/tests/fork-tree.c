/* fork-tree: four children compute while the parent computes too; the
   scheduler interleaves them, so only the set of lines is fixed.  Each
   child exits with 20 + its number and the parent checks every status. */
#include <stdio.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "fork-tree";

#define CHILDREN 4

/* Sum of i * i for i below N, computed the slow way. */
static long
work (int n)
{
  long sum = 0;
  int i;

  for (i = 0; i < n; i++)
    sum += (long) i * i;
  return sum;
}

int
main (void)
{
  pid_t pids[CHILDREN];
  char name[16];
  int k;

  for (k = 0; k < CHILDREN; k++)
    {
      snprintf (name, sizeof name, "worker-%d", k);
      pids[k] = fork (name);
      if (pids[k] == 0)
        {
          msg ("worker %d: sum %ld", k, work (20000 * (k + 1)));
          exit (20 + k);
        }
    }
  msg ("parent: sum %ld", work (50000));
  for (k = 0; k < CHILDREN; k++)
    {
      int status = wait (pids[k]);
      CHECK (status == 20 + k, "worker %d exited with %d", k, status);
    }
  return 0;
}
