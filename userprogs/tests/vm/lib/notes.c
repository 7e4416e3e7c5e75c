/* notes.c: files of numbered text lines. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>
#include <test.h>
#include "notes.h"
#include "vm-util.h"

/* Formats line N (unmarked) into LINE (LINE_LEN + 1 bytes). */
static void
original_line (char *line, int n)
{
  snprintf (line, LINE_LEN + 1, "line %03d: abcdefghijklmnopqrstu\n", n);
}

void
marked_line (char *line, int n, const char *who)
{
  int len = snprintf (line, LINE_LEN + 1, "LINE %03d: WRITTEN BY %s", n, who);

  while (len < LINE_LEN - 1)
    line[len++] = '.';
  line[LINE_LEN - 1] = '\n';
  line[LINE_LEN] = '\0';
}

void
make_notes (const char *name, int lines)
{
  char line[LINE_LEN + 1];
  int fd, n;

  if (!create (name, lines * LINE_LEN))
    fail ("create \"%s\" failed", name);
  fd = open_or_fail (name);
  for (n = 0; n < lines; n++)
    {
      original_line (line, n);
      if (write (fd, line, LINE_LEN) != LINE_LEN)
        fail ("write to \"%s\" failed", name);
    }
  close (fd);
}

void
mark_line (char *base, int n, const char *who)
{
  char line[LINE_LEN + 1];

  marked_line (line, n, who);
  memcpy (base + n * LINE_LEN, line, LINE_LEN);
}

bool
line_marked (const char *base, int n, const char *who)
{
  char line[LINE_LEN + 1];

  marked_line (line, n, who);
  return memcmp (base + n * LINE_LEN, line, LINE_LEN) == 0;
}

bool
line_original (const char *base, int n)
{
  char line[LINE_LEN + 1];

  original_line (line, n);
  return memcmp (base + n * LINE_LEN, line, LINE_LEN) == 0;
}
