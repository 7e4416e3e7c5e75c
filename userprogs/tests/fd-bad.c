/* fd-bad: read, write and filesize on descriptors that are not open
   return -1; close of them is harmless; the process goes on. */
#include <limits.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "fd-bad";

int
main (void)
{
  static const int fds[] = { -1, 2, 7, 128, 512, 100000, INT_MAX, INT_MIN };
  char buf[8] = "";
  unsigned i;

  for (i = 0; i < sizeof fds / sizeof fds[0]; i++)
    {
      int fd = fds[i];
      int r = read (fd, buf, 4);
      int w = write (fd, "data", 4);
      int s = filesize (fd);

      close (fd);
      msg ("fd %d: read %d, write %d, filesize %d, close harmless", fd, r, w,
           s);
    }
  return 0;
}
