/* lazy-data: the data segment is loaded lazily.  Pages of .data have
   no frame until touched and then hold the values from the executable;
   on the page where .data ends and .bss begins, the bytes past the
   file's part read as zeros. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "lazy-data";

/* One page and a bit of initialised data: page 0 is all ours, the
   tail shares its page with whatever follows .data. */
static unsigned char values[PAGE_SIZE + 64]
  __attribute__ ((aligned (PAGE_SIZE))) =
  { [0] = 11, [100] = 22, [PAGE_SIZE - 1] = 33, [PAGE_SIZE] = 44,
    [PAGE_SIZE + 63] = 55 };

/* In .bss, after the data: on the page where the file part ends. */
static unsigned long zeros[4];

int
main (void)
{
  volatile unsigned char *v = values;

  CHECK (PAGE_OF (&zeros) == PAGE_OF (values + PAGE_SIZE),
         "a .bss variable shares the last page of .data");
  CHECK (!resident (values), "the first page of .data has no frame");
  CHECK (v[0] == 11 && v[100] == 22 && v[PAGE_SIZE - 1] == 33
         && v[1] == 0, "it holds the initial values when read");
  CHECK (resident (values), "it has a frame after the read");
  v[1] = 66;
  CHECK (v[1] == 66 && v[0] == 11, "a write to it is kept");

  CHECK (v[PAGE_SIZE] == 44 && v[PAGE_SIZE + 63] == 55,
         "the page where .data ends holds its initial values");
  CHECK (zeros[0] == 0 && zeros[1] == 0 && zeros[2] == 0 && zeros[3] == 0,
         "and .bss on the same page reads as zeros");
  return 0;
}
