/* args-none: run without arguments, a program sees argc 1, its own
   name in argv[0] and a NULL argv[1]. */
#include <test.h>
#include "common/util.h"

const char *test_name = "args-none";

int
main (int argc, char *argv[])
{
  print_args (argc, argv);
  return 0;
}
