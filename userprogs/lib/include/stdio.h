/* stdio.h: formatted console output of the user library.
   Console output is line-buffered: each printed line reaches the
   console as one write() to fd 1. */
#ifndef USERPROGS_STDIO_H
#define USERPROGS_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1

#define PRINTF_FORMAT(FMT, FIRST) __attribute__ ((format (printf, FMT, FIRST)))

int printf (const char *fmt, ...) PRINTF_FORMAT (1, 2);
int vprintf (const char *fmt, va_list args) PRINTF_FORMAT (1, 0);
int snprintf (char *buf, size_t size, const char *fmt, ...) PRINTF_FORMAT (3, 4);
int vsnprintf (char *buf, size_t size, const char *fmt, va_list args)
  PRINTF_FORMAT (3, 0);
int puts (const char *s);
int putchar (int c);

#endif /* stdio.h */
