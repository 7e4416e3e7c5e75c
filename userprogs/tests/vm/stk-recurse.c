/* stk-recurse: deep recursion grows the stack in user mode, about
   640 KiB below where main runs; every frame keeps its content. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "stk-recurse";

#define DEPTH 2500
#define WORDS 30                /* About 256 bytes per frame. */

static unsigned long lowest = ~0UL;

/* Fills a frame, recurses, then checks the frame; returns the number of
   frames whose words were intact. */
static int
recurse (int depth)
{
  volatile unsigned long frame[WORDS];
  int i, ok;

  for (i = 0; i < WORDS; i++)
    frame[i] = (unsigned long) depth * 1000 + i;
  if ((unsigned long) frame < lowest)
    lowest = (unsigned long) frame;
  ok = depth > 0 ? recurse (depth - 1) : 0;
  for (i = 0; i < WORDS; i++)
    if (frame[i] != (unsigned long) depth * 1000 + i)
      return ok;
  return ok + 1;
}

int
main (void)
{
  unsigned long top = read_rsp ();
  int intact;

  CHECK (!resident ((void *) (top - 512 * 1024)),
         "the stack 512 KiB below main has no frame yet");
  intact = recurse (DEPTH);
  CHECK (intact == DEPTH + 1, "%d frames kept their content", intact);
  CHECK (top - lowest > 600 * 1024 && top - lowest < 1000 * 1024,
         "the recursion used between 600 KiB and 1000 KiB of stack");
  CHECK (resident ((void *) (top - 512 * 1024)),
         "the stack 512 KiB below main has a frame now");
  return 0;
}
