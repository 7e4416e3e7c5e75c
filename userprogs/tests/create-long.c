/* create-long: file names have at most 14 characters.  A 14-character
   name works; 15 characters or far more are refused (false), not fatal. */
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "create-long";

static char very_long[300];

int
main (void)
{
  int fd;

  CHECK (create ("fourteen-chars", 5), "create a 14-character name");
  fd = open ("fourteen-chars");
  CHECK (fd >= 2, "open it");
  close (fd);
  CHECK (!create ("fifteen-chars-x", 5),
         "create a 15-character name returns false");
  CHECK (open ("fifteen-chars-x") == -1, "open of that name returns -1");
  memset (very_long, 'v', sizeof very_long - 1);
  CHECK (!create (very_long, 5), "create a 299-character name returns false");
  return 0;
}
