/* bad-proj4: the calls of project 4 and mount/umount check their
   pointers before failing cleanly: a NULL or kernel pointer kills the
   process with exit(-1), as in every other call. Each bad call runs in
   a forked child; the parent sees -1 from wait. isdir and inumber take
   no pointer. readdir-span passes a name buffer crossing USER_STACK. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "bad-proj4";

#define KERN ((char *) KERN_BASE)

/* Makes bad call number I; returns only when the process survived. */
static void
bad_call (int i)
{
  switch (i)
    {
    case 0: chdir (NULL); break;
    case 1: mkdir (KERN); break;
    case 2: readdir (0, NULL); break;
    case 3: readdir (0, (char *) USER_STACK - 4); break;
    case 4: symlink (NULL, "b"); break;
    case 5: symlink ("a", KERN); break;
    case 6: mount (NULL, 1, 0); break;
    case 7: umount (KERN); break;
    }
}

static const char *names[] = {
  "chdir-null", "mkdir-kern", "readdir-null", "readdir-span",
  "symlink-null", "symlink-kern", "mount-null", "umount-kern",
};

int
main (void)
{
  int i;

  for (i = 0; i < 8; i++)
    {
      pid_t pid = fork (names[i]);
      if (pid == 0)
        {
          bad_call (i);
          exit (7);
        }
      msg ("%s: wait returned %d", names[i], wait (pid));
    }
  return 0;
}
