/* stk-array: a 256 KiB local array grows the stack in user mode.  It
   is filled from its lowest address up, so the first touch lands far
   below the previous stack (but above rsp). */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-array";

#define SIZE (256 * 1024)

/* Fills and checks a local array; returns how many of its pages had a
   frame before the fill. */
static int
use_array (void)
{
  unsigned char array[SIZE];
  volatile unsigned char *a = array;
  int i, present = 0;

  for (i = 0; i < SIZE; i += PAGE_SIZE)
    present += resident (array + i);
  for (i = 0; i < SIZE; i++)
    a[i] = (unsigned char) (i * 7 + i / PAGE_SIZE);
  for (i = SIZE - 1; i >= 0; i--)
    if (a[i] != (unsigned char) (i * 7 + i / PAGE_SIZE))
      fail ("array byte %d is %d", i, a[i]);
  msg ("the array kept its content");
  return present;
}

int
main (void)
{
  int present = use_array ();

  CHECK (present <= 1, "at most one array page had a frame before use");
  return 0;
}
