/* cow-share: copy-on-write seen through int 0x42.  After fork a child's
   page has the parent's frame; a write gives the writer a new frame;
   the last process sharing a frame keeps it when it writes.  Parent P
   writes a page and forks C; C sees P's frame, writes (new frame G),
   forks D and waits; D sees G, writes (new frame) and exits; C, now
   alone on G, writes and keeps G.  P, alone on its frame once C is
   gone, writes and keeps it. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "cow-share";

static unsigned char page[PAGE_SIZE] __attribute__ ((aligned (PAGE_SIZE)));
/* The frame of PAGE in the parent, then in the child C. */
static void *frame_p, *frame_c;

/* Grandchild D: its frame is C's until it writes. */
static int
grandchild (int unused)
{
  void *before = get_frame (page), *after;

  (void) unused;
  if (before != frame_c || page[0] != 'C')
    return 1;
  page[0] = 'D';
  after = get_frame (page);
  if (after == NULL || after == frame_c)
    return 2;
  return page[0] == 'D' ? 30 : 3;
}

/* Child C. */
static int
child (int unused)
{
  void *before = get_frame (page), *after;

  (void) unused;
  if (before != frame_p || page[0] != 'P')
    return 1;
  page[0] = 'C';
  frame_c = get_frame (page);
  if (frame_c == NULL || frame_c == frame_p)
    return 2;
  if (wait (spawn ("grandchild", grandchild, 0)) != 30)
    return 3;
  if (page[0] != 'C' || get_frame (page) != frame_c)
    return 4;
  page[1] = 'c';
  after = get_frame (page);
  return after == frame_c && page[0] == 'C' ? 20 : 5;
}

int
main (void)
{
  pid_t pid;

  page[0] = 'P';
  frame_p = get_frame (page);
  CHECK (frame_p != NULL, "the written page has a frame");
  pid = spawn ("child", child, 0);
  CHECK (wait (pid) == 20, "the child saw the shared frame, copied on "
         "write, and kept its copy once the grandchild was gone");
  CHECK (get_frame (page) == frame_p && page[0] == 'P',
         "the parent still has its frame and byte");
  page[1] = 'p';
  CHECK (get_frame (page) == frame_p && page[1] == 'p',
         "alone now, the parent writes and keeps its frame");
  return 0;
}
