/* fault-null: a NULL pointer dereference in user code
   kills the process with exit(-1). */
#include <syscall.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "fault-null";

int
main (void)
{
  msg ("read *(int *) NULL");
  msg ("read %d", *(volatile int *) NULL);
  fail ("the process survived");
}
