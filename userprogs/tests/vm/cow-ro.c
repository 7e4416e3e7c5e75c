/* cow-ro: fork shares read-only pages too.  The child's code page and
   read-only data page have the parent's frames, before and after the
   child runs code and reads the data: nothing is ever copied. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "cow-ro";

static const unsigned char table[2 * PAGE_SIZE]
  __attribute__ ((aligned (PAGE_SIZE))) = { [PAGE_SIZE] = 9 };
static void *code_frame, *table_frame;

int main (void);

/* The child: exits with 40 when both frames are the parent's. */
static int
child (int unused)
{
  volatile const unsigned char *t = table;
  int sum;

  (void) unused;
  if (get_frame (PAGE_OF (main)) != code_frame
      || get_frame ((void *) (table + PAGE_SIZE)) != table_frame)
    return 1;
  sum = t[PAGE_SIZE] + t[PAGE_SIZE + 1];
  if (get_frame (PAGE_OF (main)) != code_frame
      || get_frame ((void *) (table + PAGE_SIZE)) != table_frame)
    return 2;
  return sum == 9 ? 40 : 3;
}

int
main (void)
{
  volatile const unsigned char *t = table;

  CHECK (t[PAGE_SIZE] == 9, "the parent reads a page of read-only data");
  code_frame = get_frame (PAGE_OF (main));
  table_frame = get_frame ((void *) (table + PAGE_SIZE));
  CHECK (code_frame != NULL && table_frame != NULL,
         "it and the page of main have frames");
  CHECK (wait (spawn ("child", child, 0)) == 40,
         "the child used the same two frames, before and after using them");
  CHECK (get_frame (PAGE_OF (main)) == code_frame
         && get_frame ((void *) (table + PAGE_SIZE)) == table_frame,
         "the parent keeps them");
  return 0;
}
