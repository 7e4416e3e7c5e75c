/* mmap-write: writes through a mapping reach the file at munmap.  Three
   of four pages of "notes.txt" get a marked line; after munmap read()
   sees the marks, and the file fetched back after the run is compared
   with mmap-write.notes. */
#include <stdbool.h>
#include <syscall.h>
#include <test.h>
#include "lib/notes.h"
#include "lib/vm-util.h"

const char *test_name = "mmap-write";

#define LINES 500                       /* 16,000 bytes: 4 pages. */

static char back[LINES * LINE_LEN];

int
main (void)
{
  static const int marked[] = { 5, 200, 499 };
  char *map = MAP_ADDR;
  int fd, n, i, wrong = 0;

  make_notes ("notes.txt", LINES);
  fd = open_or_fail ("notes.txt");
  CHECK (mmap (map, LINES * LINE_LEN, 1, fd, 0) == map, "mmap notes.txt");
  for (i = 0; i < 3; i++)
    mark_line (map, marked[i], "mmap");
  munmap (map);
  msg ("marked lines 5, 200 and 499, then munmap");

  CHECK (read (fd, back, sizeof back) == sizeof back, "read the file back");
  for (n = 0; n < LINES; n++)
    {
      bool is_marked = n == 5 || n == 200 || n == 499;

      if (is_marked ? !line_marked (back, n, "mmap") : !line_original (back, n))
        wrong++;
    }
  CHECK (wrong == 0, "read() sees the marked lines and only those");
  return 0;
}
