/* fork-cow: the parent fills several pages of .bss with a pattern and
   forks four children.  Each child checks that it shares the parent's
   frame until it writes (copy-on-write), writes its own page, and checks
   it sees only its own writes.  The parent checks the exit codes and
   that its own data is unchanged. */
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "fork-cow";

#define PAGE_SIZE 4096
#define PAGES 8
#define CHILDREN 4
#define EXIT_BASE 10                    /* Child K exits with EXIT_BASE + K. */

static unsigned char shared[PAGES][PAGE_SIZE]
  __attribute__ ((aligned (PAGE_SIZE)));
static void *parent_frame[PAGES];       /* Parent's frames before fork. */
static char greeting[32] = "copy-on-write";   /* In .data. */

/* The parent's byte at offset I of page P. */
static unsigned char
pattern (int p, int i)
{
  return (unsigned char) (p * 37 + i * 11 + 5);
}

/* Fails unless page P holds the parent's pattern; WHO names the checker. */
static void
check_original (const char *who, int p)
{
  int i;

  for (i = 0; i < PAGE_SIZE; i++)
    if (shared[p][i] != pattern (p, i))
      fail ("%s: page %d byte %d is %d, not %d", who, p, i, shared[p][i],
            pattern (p, i));
}

/* Body of child K; exits with EXIT_BASE + K when all checks pass. */
static void
run_child (int k)
{
  char who[16];
  void *before, *after;
  int p, i;

  snprintf (who, sizeof who, "child-%d", k);
  before = get_frame (shared[k]); /* #BP:child_start */
  if (before != parent_frame[k])
    fail ("%s: page %d not shared with the parent before writing", who, k);
  for (p = 0; p < PAGES; p++)
    check_original (who, p);

  memset (shared[k], 0xa0 + k, PAGE_SIZE); /* #BP:child_write */
  after = get_frame (shared[k]);
  if (after == NULL || after == parent_frame[k])
    fail ("%s: page %d still uses the parent's frame after writing", who, k);

  for (p = 0; p < PAGES; p++)
    if (p != k)
      check_original (who, p);
  for (i = 0; i < PAGE_SIZE; i++)
    if (shared[k][i] != 0xa0 + k)
      fail ("%s: own page %d byte %d is %d", who, k, i, shared[k][i]);

  if (strcmp (greeting, "copy-on-write") != 0)
    fail ("%s: .data greeting is '%s'", who, greeting);
  snprintf (greeting, sizeof greeting, "written by %s", who);
  exit (EXIT_BASE + k); /* #BP:child_exit */
}

int
main (void)
{
  pid_t pids[CHILDREN];
  int p, i, k;

  for (p = 0; p < PAGES; p++)
    for (i = 0; i < PAGE_SIZE; i++)
      shared[p][i] = pattern (p, i); /* #BP:fill */
  for (p = 0; p < PAGES; p++)
    {
      parent_frame[p] = get_frame (shared[p]);
      if (parent_frame[p] == NULL)
        fail ("written page %d has no frame", p);
    }
  msg ("filled %d pages", PAGES);

  for (k = 0; k < CHILDREN; k++)
    {
      char name[16];

      snprintf (name, sizeof name, "child-%d", k);
      pids[k] = fork (name); /* #BP:fork */
      if (pids[k] == 0)
        run_child (k); /* #BP:in_child */
      if (pids[k] < 0)
        fail ("fork of %s failed", name);
    }
  msg ("forked %d children", CHILDREN);

  for (k = 0; k < CHILDREN; k++)
    {
      int status = wait (pids[k]); /* #BP:wait */
      CHECK (status == EXIT_BASE + k, "child-%d exited with %d", k, status);
    }
  CHECK (wait (pids[0]) == -1, "a second wait for child-0 returns -1");

  for (p = 0; p < PAGES; p++)
    check_original ("parent", p);
  CHECK (strcmp (greeting, "copy-on-write") == 0,
         "parent's .data unchanged: '%s'", greeting);
  msg ("parent's %d pages unchanged", PAGES);

  memset (shared[0], 0x55, PAGE_SIZE); /* #BP:parent_write */
  for (i = 0; i < PAGE_SIZE; i++)
    if (shared[0][i] != 0x55)
      fail ("parent: page 0 byte %d is %d after writing", i, shared[0][i]);
  for (p = 1; p < PAGES; p++)
    check_original ("parent", p);
  msg ("parent can write its pages after the children exit");
  return 0;
}
