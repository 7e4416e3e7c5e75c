/* args-22: twenty-two arguments after the program name. */
#include <test.h>
#include "common/util.h"

const char *test_name = "args-22";

int
main (int argc, char *argv[])
{
  print_args (argc, argv);
  return 0;
}
