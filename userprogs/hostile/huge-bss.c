/* huge-bss: a program whose .bss is 448 GiB, so its data segment's
   p_memsz reaches nearly to the kernel's base.  Loading it must fail
   at once, without walking its pages one by one. */
#include <syscall.h>

const char *test_name = "huge-bss";

static char huge[0x7000000000UL];

int
main (void)
{
  huge[0] = 1;
  return huge[0];
}
