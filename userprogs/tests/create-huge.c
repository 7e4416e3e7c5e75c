/* create-huge: a file larger than the whole disk cannot be created
   (false); the failed attempt leaves the disk's space free. */
#include <syscall.h>
#include <test.h>

const char *test_name = "create-huge";

int
main (void)
{
  CHECK (!create ("huge", 100000000), "create a 100 MB file returns false");
  CHECK (open ("huge") == -1, "no such file was left behind");
  CHECK (create ("big", 4000000), "a 4 MB file fits afterwards");
  return 0;
}
