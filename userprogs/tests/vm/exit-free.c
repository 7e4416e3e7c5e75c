/* exit-free: whatever a process holds is released when it exits,
   however it exits.  At -m 2 with swap, children exit or are killed
   holding swapped pages, shared frames, mappings with dirty pages,
   open files and a grown stack; the parent then exits holding a dirty
   mapping and open files.  The runner's leak check (--check-invariants)
   finds no frame, swap slot, kernel page or open file left. */
#include <syscall.h>
#include <test.h>
#include "lib/vm-util.h"

const char *test_name = "exit-free";

#define PAGES 512                       /* 2 MiB: more than the RAM. */

static unsigned char arena[PAGES][PAGE_SIZE]
  __attribute__ ((aligned (PAGE_SIZE)));

/* Writes a byte into the first N pages of ARENA. */
static void
touch (int n)
{
  int p;

  for (p = 0; p < n; p++)
    arena[p][p] = (unsigned char) p;
}

/* Maps "data" writable at ADDR and writes into its first page. */
static void
map_and_dirty (char *addr)
{
  int fd = open_or_fail ("data");

  if (mmap (addr, 4 * PAGE_SIZE, 1, fd, 0) != addr)
    fail ("mmap at %p failed", addr);
  addr[0] = 'x';
}

/* Exits normally, holding swapped pages, a mapping and open files. */
static int
swapper (int unused)
{
  (void) unused;
  touch (PAGES);
  map_and_dirty (MAP_ADDR2);
  open_or_fail ("data");
  return 1;
}

/* Grows the stack by about 512 KiB, then dies of a NULL dereference. */
static int
deep (int depth)
{
  volatile char frame[4000];

  frame[0] = (char) depth;
  if (depth > 0)
    return deep (depth - 1) + frame[0];
  return *(volatile int *) NULL;
}

/* A grandchild: touches N pages shared with its parent, which is
   killed meanwhile, then says it is done by creating a file. */
static int
orphan (int n)
{
  touch (n);
  if (!create ("orphan-done", 0))
    fail ("create \"orphan-done\" failed");
  return 0;
}

/* Forks a grandchild sharing its swapped pages, then is killed while
   the grandchild runs on. */
static int
killed (int unused)
{
  (void) unused;
  touch (PAGES / 2);
  map_and_dirty (MAP_ADDR2);
  spawn ("orphan", orphan, PAGES / 4);
  return deep (128);
}

/* Holds swapped pages, a mapping and open files, then execs this
   program with an argument, which just exits with 3. */
static int
execer (int unused)
{
  (void) unused;
  touch (PAGES);
  map_and_dirty (MAP_ADDR2);
  exec ("exit-free quiet");
  return 2;
}

int
main (int argc, char *argv[] __attribute__ ((unused)))
{
  if (argc > 1)
    return 3;
  make_pattern_file ("data", 4 * PAGE_SIZE, 50);
  map_and_dirty (MAP_ADDR);
  touch (PAGES / 4);
  CHECK (wait (spawn ("swapper", swapper, 0)) == 1,
         "a child exited holding swap, a mapping and open files");
  CHECK (wait (spawn ("killed", killed, 0)) == -1,
         "a child was killed holding swap, a mapping, a grown stack "
         "and a running child");
  CHECK (wait (spawn ("execer", execer, 0)) == 3,
         "a child execed holding swap, a mapping and open files");
  while (open ("orphan-done") < 0)
    continue;
  msg ("the killed child's child has finished");
  msg ("the parent exits holding a mapping and open files");
  return 0;
}
