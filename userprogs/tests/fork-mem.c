/* fork-mem: the child starts with a copy of the parent's memory
   (.data, .bss and stack); its writes stay in its own copy. */
#include <syscall.h>
#include <test.h>

const char *test_name = "fork-mem";

static int data_value = 1;                 /* .data */
static char bss_pages[3 * 4096];           /* .bss, several pages */

int
main (void)
{
  int stack_value = 2;
  pid_t pid;
  int status;

  bss_pages[5000] = 3;
  pid = fork ("writer");
  if (pid == 0)
    {
      CHECK (data_value == 1 && stack_value == 2 && bss_pages[5000] == 3,
             "child sees the parent's values");
      data_value = 10;
      stack_value = 20;
      bss_pages[5000] = 30;
      exit (data_value + stack_value + bss_pages[5000]);
    }
  status = wait (pid);
  CHECK (status == 60, "child's status is 60");
  CHECK (data_value == 1 && stack_value == 2 && bss_pages[5000] == 3,
         "parent's values are unchanged");
  return 0;
}
