/* shapes: structs, arrays and pointers with known values, for the
   debugger's variable views and watchpoints. */
#include <test.h>

const char *test_name = "shapes";

struct point
  {
    int x;
    int y;
  };

struct shape
  {
    const char *name;
    struct point corners[3];
    unsigned char color[4];
    struct shape *next;
  };

static struct shape triangle = { "triangle", { { 0, 0 }, { 4, 0 }, { 0, 3 } },
                                 { 255, 128, 0, 255 }, 0 };
static int scores[5] = { 10, 20, 30, 40, 50 };
static long total;

/* Twice the area of S's triangle. */
static long
area2 (const struct shape *s)
{
  long ax = s->corners[1].x - s->corners[0].x;
  long ay = s->corners[1].y - s->corners[0].y;
  long bx = s->corners[2].x - s->corners[0].x;
  long by = s->corners[2].y - s->corners[0].y;
  long cross = ax * by - ay * bx;

  return cross < 0 ? -cross : cross; /* #BP:area_return */
}

int
main (void)
{
  struct point origin = { -2, 7 };
  int fib[6] = { 1, 1, 2, 3, 5, 8 };
  struct shape copy = triangle;
  int i;

  copy.next = &triangle;
  copy.corners[2].y = 6;
  if (copy.name[0] != 't')
    fail ("copied name is '%s'", copy.name);
  total = area2 (&copy); /* #BP:after_copy */
  for (i = 0; i < 5; i++)
    total += scores[i] + fib[i] + origin.x;
  msg ("total %ld", total); /* #BP:print_total */
  return 0;
}
