/* test.c: msg, fail and check for self-checking programs.  Every
   message is formatted first and printed as one line (one write). */
#include <test.h>
#include <stdarg.h>
#include <stdio.h>
#include <syscall.h>

/* Longest message text kept; longer ones are truncated. */
#define MSG_MAX 200

/* Returns the program's test name. */
static const char *
name (void)
{
  return test_name != NULL ? test_name : "?";
}

/* Prints "(NAME) message". */
void
msg (const char *fmt, ...)
{
  char text[MSG_MAX];
  va_list args;

  va_start (args, fmt);
  vsnprintf (text, sizeof text, fmt, args);
  va_end (args);
  printf ("(%s) %s\n", name (), text);
}

/* Prints "(NAME) FAIL: message" and exits with status -1. */
void
fail (const char *fmt, ...)
{
  char text[MSG_MAX];
  va_list args;

  va_start (args, fmt);
  vsnprintf (text, sizeof text, fmt, args);
  va_end (args);
  printf ("(%s) FAIL: %s\n", name (), text);
  exit (-1);
}

/* Prints "(NAME) message"; if OK is false, then also fails with it. */
void
check (bool ok, const char *fmt, ...)
{
  char text[MSG_MAX];
  va_list args;

  va_start (args, fmt);
  vsnprintf (text, sizeof text, fmt, args);
  va_end (args);
  printf ("(%s) %s\n", name (), text);
  if (!ok)
    {
      printf ("(%s) FAIL: %s\n", name (), text);
      exit (-1);
    }
}
