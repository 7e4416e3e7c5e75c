/* lazy-code: the code segment is loaded lazily.  A function alone on
   its page has no frame until it is first called, and read-only data on
   a page nothing has read has none until it is read. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "lazy-code";

/* Three pages of read-only data; only the middle one is tested, so no
   other constant can share its page. */
static const unsigned char table[3 * PAGE_SIZE]
  __attribute__ ((aligned (PAGE_SIZE))) =
  { [PAGE_SIZE + 5] = 77, [2 * PAGE_SIZE - 1] = 99 };

/* Alone on its page: the next function starts a new page. */
__attribute__ ((aligned (PAGE_SIZE), noinline)) static int
lone_function (int x)
{
  return x * 3 + 1;
}

/* Never called: it only keeps the rest of the code off the page of
   lone_function. */
__attribute__ ((aligned (PAGE_SIZE), noinline, used)) static int
fence_function (int x)
{
  return x - 1;
}

int
main (void)
{
  const volatile unsigned char *middle = table + PAGE_SIZE;

  CHECK (PAGE_OF (lone_function) != PAGE_OF (main)
         && PAGE_OF (lone_function) != PAGE_OF (fence_function),
         "lone_function has a page of its own");
  CHECK (resident (main), "the page of main has a frame");
  CHECK (!resident (lone_function),
         "the page of lone_function has no frame before the call");
  CHECK (lone_function (4) == 13, "lone_function (4) returns 13");
  CHECK (resident (lone_function), "it has a frame after the call");

  CHECK (!resident ((const void *) middle),
         "an unread page of read-only data has no frame");
  CHECK (middle[5] == 77 && middle[PAGE_SIZE - 1] == 99 && middle[0] == 0,
         "it holds the values from the executable");
  CHECK (resident ((const void *) middle), "it has a frame after the read");
  return 0;
}
