/* exit-return: returning from main exits with main's return value
   (_start calls exit (main (argc, argv))). */
#include <test.h>

const char *test_name = "exit-return";

int
main (void)
{
  msg ("returning 42 from main");
  return 42;
}
