/* test.h: helpers for self-checking sample programs.
   Each program defines  const char *test_name = "NAME";  once.
   msg() prints "(NAME) message" as one line; fail() prints
   "(NAME) FAIL: message" and exits with status -1. */
#ifndef USERPROGS_TEST_H
#define USERPROGS_TEST_H

#include <stdbool.h>
#include <stdio.h>

extern const char *test_name;

void msg (const char *fmt, ...) PRINTF_FORMAT (1, 2);
void fail (const char *fmt, ...) PRINTF_FORMAT (1, 2) __attribute__ ((noreturn));
void check (bool ok, const char *fmt, ...) PRINTF_FORMAT (2, 3);

/* Prints the message; if COND is false, also fails with it. */
#define CHECK(COND, ...) check ((COND) ? true : false, __VA_ARGS__)

#endif /* test.h */
