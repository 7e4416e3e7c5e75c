/* create-exists: create of an existing name returns false and leaves
   the existing file alone. */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "create-exists";

int
main (void)
{
  char buf[8] = "";
  int fd;

  make_file ("taken", "first", 5);
  CHECK (!create ("taken", 100), "second create of \"taken\" returns false");
  fd = open_or_fail ("taken");
  CHECK (filesize (fd) == 5, "size is still %d", filesize (fd));
  read (fd, buf, 5);
  CHECK (buf[0] == 'f', "content is still '%s'", buf);
  return 0;
}
