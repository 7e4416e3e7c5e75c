/* spin: loops forever, counting.  The debugger must be able to pause it. */
#include <test.h>

const char *test_name = "spin";

static volatile unsigned long counter;

int
main (void)
{
  for (;;)
    counter++; /* #BP:spin */
}
