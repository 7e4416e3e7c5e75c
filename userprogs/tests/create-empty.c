/* create-empty: an empty file name is refused (false), not fatal. */
#include <syscall.h>
#include <test.h>

const char *test_name = "create-empty";

int
main (void)
{
  CHECK (!create ("", 10), "create \"\" returns false");
  CHECK (open ("") == -1, "open \"\" returns -1");
  return 0;
}
