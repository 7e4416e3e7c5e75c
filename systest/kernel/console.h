/* Formatted output to the serial console. */
#ifndef SYSTEST_CONSOLE_H
#define SYSTEST_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

int printf (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
int vprintf (const char *fmt, va_list ap);
void putbuf (const char *buf, size_t n);
void panic (const char *fmt, ...) __attribute__ ((noreturn, format (printf, 1, 2)));

#define ASSERT(c) do { if (!(c)) panic ("assertion `%s' failed at %s:%d", #c, __FILE__, __LINE__); } while (0)

#endif
