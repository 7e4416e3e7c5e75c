/* open-missing: opening a name that does not exist returns -1. */
#include <syscall.h>
#include <test.h>

const char *test_name = "open-missing";

int
main (void)
{
  CHECK (open ("no-such-file") == -1, "open \"no-such-file\" returns -1");
  return 0;
}
