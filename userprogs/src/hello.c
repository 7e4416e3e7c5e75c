/* hello: prints its arguments. */
#include <test.h>

const char *test_name = "hello";

int
main (int argc, char *argv[])
{
  int i;

  msg ("argc = %d", argc); /* #BP:main_entry */
  for (i = 0; i < argc; i++)
    msg ("argv[%d] = '%s'", i, argv[i]); /* #BP:print_arg */
  CHECK (argv[argc] == NULL, "argv[argc] is NULL");
  return 0; /* #BP:main_return */
}
