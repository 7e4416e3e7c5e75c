/* sc-proj4: the calls of project 4 (chdir, mkdir, readdir, isdir,
   inumber, symlink) and mount/umount fail cleanly: bool calls return
   false, int calls -1, and the process goes on. */
#include <syscall.h>
#include <test.h>

const char *test_name = "sc-proj4";

int
main (void)
{
  char name[READDIR_MAX_LEN + 1];

  CHECK (!chdir ("dir"), "chdir returns false");
  CHECK (!mkdir ("dir"), "mkdir returns false");
  CHECK (!readdir (0, name), "readdir returns false");
  CHECK (!isdir (1), "isdir returns false");
  CHECK (inumber (1) == -1, "inumber returns -1");
  CHECK (symlink ("a", "b") == -1, "symlink returns -1");
  CHECK (mount ("dir", 1, 0) == -1, "mount returns -1");
  CHECK (umount ("dir") == -1, "umount returns -1");
  return 0;
}
