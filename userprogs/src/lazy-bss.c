/* lazy-bss: a 5 MiB array in .bss is loaded lazily.  Pages are absent
   until touched, read as zeros on first touch and then keep what is
   written to them.  Uses get_frame() (int $0x42) to observe it. */
#include <stdlib.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "lazy-bss";

#define PAGE_SIZE 4096
#define BIG_SIZE (5 * 1024 * 1024)
#define PAGES (BIG_SIZE / PAGE_SIZE)
#define TOUCHED 8               /* Pages this test touches. */

static unsigned char big[BIG_SIZE] __attribute__ ((aligned (PAGE_SIZE)));

/* Pages never touched. */
static const int untouched[] = { 1, 100, 639, 1000, PAGES - 2 };
#define UNTOUCHED ((int) (sizeof untouched / sizeof untouched[0]))

/* Tells whether PAGE is in LIST of N pages. */
static bool
in_list (int page, const int *list, int n)
{
  int i;

  for (i = 0; i < n; i++)
    if (list[i] == page)
      return true;
  return false;
}

/* The byte written at offset I of page PAGE. */
static unsigned char
pattern (int page, int i)
{
  return (unsigned char) (page * 131 + i * 7 + 1);
}

int
main (void)
{
  int touched[TOUCHED] = { 0, PAGES / 2, PAGES - 1 };
  void *frames[TOUCHED];
  int n = 3, i, j, absent;

  random_init (42);
  while (n < TOUCHED) /* #BP:pick_pages */
    {
      int page = (int) (random_ulong () % PAGES);
      if (!in_list (page, touched, n) && !in_list (page, untouched, UNTOUCHED))
        touched[n++] = page;
    }

  absent = 0;
  for (i = 0; i < TOUCHED; i++)
    if (get_frame (big + touched[i] * PAGE_SIZE) == NULL)
      absent++;
  CHECK (absent == TOUCHED, "%d of %d chosen pages absent before touch",
         absent, TOUCHED);

  for (i = 0; i < TOUCHED; i++)
    {
      unsigned char *p = big + touched[i] * PAGE_SIZE;

      for (j = 0; j < PAGE_SIZE; j++)
        if (p[j] != 0) /* #BP:first_touch */
          fail ("page %d byte %d is %d, not 0", touched[i], j, p[j]);
      if (get_frame (p) == NULL)
        fail ("page %d has no frame after being read", touched[i]);
      for (j = 0; j < PAGE_SIZE; j++)
        p[j] = pattern (touched[i], j); /* #BP:write_page */
      frames[i] = get_frame (p);
    }
  msg ("%d touched pages read as zeros and now have frames", TOUCHED);

  for (i = 0; i < TOUCHED; i++)
    for (j = i + 1; j < TOUCHED; j++)
      if (frames[i] == frames[j])
        fail ("pages %d and %d share a frame", touched[i], touched[j]);
  msg ("the written pages have different frames");

  for (i = 0; i < TOUCHED; i++)
    {
      unsigned char *p = big + touched[i] * PAGE_SIZE;

      for (j = 0; j < PAGE_SIZE; j++)
        if (p[j] != pattern (touched[i], j)) /* #BP:reread */
          fail ("page %d byte %d is %d, not %d", touched[i], j, p[j],
                pattern (touched[i], j));
    }
  msg ("written patterns read back");

  absent = 0;
  for (i = 0; i < UNTOUCHED; i++)
    if (get_frame (big + untouched[i] * PAGE_SIZE) == NULL)
      absent++;
  CHECK (absent == UNTOUCHED, "%d of %d untouched pages still absent",
         absent, UNTOUCHED);
  return 0;
}
