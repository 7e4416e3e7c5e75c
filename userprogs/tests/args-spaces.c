/* args-spaces: runs of spaces between arguments count as one
   separator; no argument is empty. */
#include <test.h>
#include "common/util.h"

const char *test_name = "args-spaces";

int
main (int argc, char *argv[])
{
  print_args (argc, argv);
  return 0;
}
