/* args-many: several arguments of different lengths, in order. */
#include <test.h>
#include "common/util.h"

const char *test_name = "args-many";

int
main (int argc, char *argv[])
{
  print_args (argc, argv);
  return 0;
}
