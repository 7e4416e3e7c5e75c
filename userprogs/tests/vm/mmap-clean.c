/* mmap-clean: only dirty pages are written back.  Two pages of "data"
   are mapped and read, never written; then write() changes a line of
   the file under the mapping.  munmap must not write the stale copy
   back, and neither must exit for a second mapping used the same way. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "lib/notes.h"
#include "lib/vm-util.h"

const char *test_name = "mmap-clean";

#define LINES 256                       /* 8,192 bytes: 2 pages. */

/* What read() returns for the whole file. */
static char back[LINES * LINE_LEN];

/* Reads the whole of "data" into BACK. */
static void
read_file (void)
{
  int fd = open_or_fail ("data");

  if (read (fd, back, sizeof back) != sizeof back)
    fail ("read of \"data\" failed");
  close (fd);
}

/* Maps "data" at ADDR read-write and reads it all, then marks line N
   of the file through write(). */
static void
map_read_then_write_file (char *addr, int n)
{
  char line[LINE_LEN + 1];
  int fd = open_or_fail ("data");
  int fd2 = open_or_fail ("data");

  if (mmap (addr, sizeof back, 1, fd, 0) != addr)
    fail ("mmap at %p failed", addr);
  read_file ();
  if (memcmp (addr, back, sizeof back) != 0)
    fail ("the mapping at %p does not show the file", addr);
  marked_line (line, n, "write");
  seek (fd2, n * LINE_LEN);
  if (write (fd2, line, LINE_LEN) != LINE_LEN)
    fail ("write() to the file failed");
  close (fd2);
  close (fd);
}

int
main (void)
{
  make_notes ("data", LINES);
  map_read_then_write_file (MAP_ADDR, 3);
  munmap (MAP_ADDR);
  read_file ();
  CHECK (line_marked (back, 3, "write"),
         "after munmap of a clean mapping the file keeps write()'s line");
  map_read_then_write_file (MAP_ADDR2, 200);
  msg ("mapped and read again, changed line 200 by write(), now exit");
  return 0;
}
