/* args-one: one argument after the program name. */
#include <test.h>
#include "common/util.h"

const char *test_name = "args-one";

int
main (int argc, char *argv[])
{
  print_args (argc, argv);
  return 0;
}
