/* The few string functions the kernel (and the compiler) needs. */
#ifndef SYSTEST_STRING_H
#define SYSTEST_STRING_H

#include <stddef.h>

void *memset (void *dst, int c, size_t n);
void *memcpy (void *dst, const void *src, size_t n);
int memcmp (const void *a, const void *b, size_t n);
size_t strlen (const char *s);
size_t strnlen (const char *s, size_t max);
int strcmp (const char *a, const char *b);

#endif
