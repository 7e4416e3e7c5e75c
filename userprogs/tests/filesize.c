/* filesize: reports the size given to create, for sizes around the
   512-byte sector and page boundaries. */
#include <stdio.h>
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "filesize";

int
main (void)
{
  static const unsigned sizes[] = { 0, 1, 511, 512, 513, 4096, 5000 };
  char name[16];
  unsigned i;

  for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    {
      int fd;

      snprintf (name, sizeof name, "size-%u", sizes[i]);
      if (!create (name, sizes[i]))
        fail ("create \"%s\" failed", name);
      fd = open_or_fail (name);
      msg ("%s: filesize %d", name, filesize (fd));
      close (fd);
    }
  return 0;
}
