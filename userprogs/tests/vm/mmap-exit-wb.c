/* mmap-exit-wb: dirty mapped pages are written back when a process
   exits without munmap: a child marks line 3 of "log.txt" and exits;
   a child marks line 104 and then faults (killed); the parent marks
   line 90 and exits.  The parent checks the children's marks with
   read(); the file fetched back after the run has all three. */
#include <syscall.h>
#include <test.h>
#include "lib/notes.h"
#include "lib/vm-util.h"

const char *test_name = "mmap-exit-wb";

#define LOG_LINES 228                   /* 7,296 bytes: 2 pages. */

/* Maps "log.txt" and marks line N with WHO. */
static void
map_and_mark (int n, const char *who)
{
  int fd = open_or_fail ("log.txt");

  if (mmap (MAP_ADDR, LOG_LINES * LINE_LEN, 1, fd, 0) != MAP_ADDR)
    fail ("mmap of \"log.txt\" failed");
  mark_line (MAP_ADDR, n, who);
}

/* Child: marks line N, then exits with 7 without munmap. */
static int
mark_and_exit (int n)
{
  map_and_mark (n, "exit");
  return 7;
}

/* Child: marks line N, then dereferences NULL. */
static int
mark_and_fault (int n)
{
  map_and_mark (n, "killed");
  return *(volatile int *) NULL;
}

/* Tells whether line N of "log.txt" carries WHO's mark. */
static bool
file_has_mark (int n, const char *who)
{
  static char back[LOG_LINES * LINE_LEN];
  int fd = open_or_fail ("log.txt");
  bool ok = read (fd, back, sizeof back) == sizeof back
            && line_marked (back, n, who);

  close (fd);
  return ok;
}

int
main (void)
{
  make_notes ("log.txt", LOG_LINES);
  CHECK (wait (spawn ("exiter", mark_and_exit, 3)) == 7,
         "a child marked line 3 and exited with 7");
  CHECK (file_has_mark (3, "exit"), "its mark is in the file");
  CHECK (wait (spawn ("faulter", mark_and_fault, 104)) == -1,
         "a child marked line 104 and was killed");
  CHECK (file_has_mark (104, "killed"), "its mark is in the file");
  map_and_mark (90, "parent");
  msg ("the parent marks line 90, then exits without munmap");
  return 0;
}
