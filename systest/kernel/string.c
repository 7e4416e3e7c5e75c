#include "string.h"

/* Fills N bytes at DST with byte C; returns DST. */
void *memset (void *dst, int c, size_t n) {
	unsigned char *d = dst;
	while (n-- > 0)
		*d++ = (unsigned char) c;
	return dst;
}

/* Copies N bytes from SRC to DST (regions must not overlap); returns DST. */
void *memcpy (void *dst, const void *src, size_t n) {
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

/* Compares N bytes; returns <0, 0 or >0 like the C library's memcmp. */
int memcmp (const void *a, const void *b, size_t n) {
	const unsigned char *x = a, *y = b;
	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}

/* Returns the length of the NUL-terminated string S. */
size_t strlen (const char *s) {
	size_t n = 0;
	while (s[n] != '\0')
		n++;
	return n;
}

/* Returns the length of S, but at most MAX. */
size_t strnlen (const char *s, size_t max) {
	size_t n = 0;
	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* Compares two NUL-terminated strings. */
int strcmp (const char *a, const char *b) {
	while (*a != '\0' && *a == *b)
		a++, b++;
	return (unsigned char) *a - (unsigned char) *b;
}
