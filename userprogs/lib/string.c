/* string.c: memory and string functions.  Built with
   -fno-tree-loop-distribute-patterns so that the compiler does not turn
   these loops back into calls to themselves. */
#include <string.h>
#include <stdint.h>

/* Copies N bytes from SRC to DST (they must not overlap). */
void *
memcpy (void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;

  while (n-- > 0)
    *d++ = *s++;
  return dst;
}

/* Copies N bytes from SRC to DST; the areas may overlap. */
void *
memmove (void *dst, const void *src, size_t n)
{
  unsigned char *d = dst;
  const unsigned char *s = src;

  if ((uintptr_t) d < (uintptr_t) s)
    while (n-- > 0)
      *d++ = *s++;
  else
    while (n-- > 0)
      d[n] = s[n];
  return dst;
}

/* Sets N bytes at DST to C. */
void *
memset (void *dst, int c, size_t n)
{
  unsigned char *d = dst;

  while (n-- > 0)
    *d++ = (unsigned char) c;
  return dst;
}

/* Compares N bytes; returns <0, 0 or >0 like the first differing byte. */
int
memcmp (const void *a, const void *b, size_t n)
{
  const unsigned char *x = a, *y = b;

  for (; n > 0; n--, x++, y++)
    if (*x != *y)
      return *x < *y ? -1 : 1;
  return 0;
}

/* Returns the first of N bytes of S equal to C, or NULL. */
void *
memchr (const void *s, int c, size_t n)
{
  const unsigned char *p = s;

  for (; n > 0; n--, p++)
    if (*p == (unsigned char) c)
      return (void *) p;
  return NULL;
}

/* Returns the length of S. */
size_t
strlen (const char *s)
{
  const char *p = s;

  while (*p != '\0')
    p++;
  return p - s;
}

/* Returns the length of S, but at most MAX. */
size_t
strnlen (const char *s, size_t max)
{
  size_t n = 0;

  while (n < max && s[n] != '\0')
    n++;
  return n;
}

/* Compares two strings as unsigned bytes. */
int
strcmp (const char *a, const char *b)
{
  const unsigned char *x = (const unsigned char *) a;
  const unsigned char *y = (const unsigned char *) b;

  while (*x != '\0' && *x == *y)
    x++, y++;
  return *x < *y ? -1 : *x > *y;
}

/* Compares at most N bytes of two strings. */
int
strncmp (const char *a, const char *b, size_t n)
{
  const unsigned char *x = (const unsigned char *) a;
  const unsigned char *y = (const unsigned char *) b;

  for (; n > 0; n--, x++, y++)
    if (*x != *y || *x == '\0')
      return *x < *y ? -1 : *x > *y;
  return 0;
}

/* Copies SRC, with its NUL, to DST. */
char *
strcpy (char *dst, const char *src)
{
  char *d = dst;

  while ((*d++ = *src++) != '\0')
    continue;
  return dst;
}

/* Copies SRC into DST of SIZE bytes, always NUL-terminated when SIZE > 0;
   returns strlen (SRC). */
size_t
strlcpy (char *dst, const char *src, size_t size)
{
  size_t len = strlen (src);

  if (size > 0)
    {
      size_t n = len < size - 1 ? len : size - 1;
      memcpy (dst, src, n);
      dst[n] = '\0';
    }
  return len;
}

/* Appends SRC to DST of SIZE bytes; returns the length it tried to make. */
size_t
strlcat (char *dst, const char *src, size_t size)
{
  size_t used = strnlen (dst, size);

  if (used == size)
    return size + strlen (src);
  return used + strlcpy (dst + used, src, size - used);
}

/* Returns the first C in S (C may be '\0'), or NULL. */
char *
strchr (const char *s, int c)
{
  for (;; s++)
    {
      if (*s == (char) c)
        return (char *) s;
      if (*s == '\0')
        return NULL;
    }
}

/* Returns the last C in S, or NULL. */
char *
strrchr (const char *s, int c)
{
  const char *last = NULL;

  for (;; s++)
    {
      if (*s == (char) c)
        last = s;
      if (*s == '\0')
        return (char *) last;
    }
}

/* Returns the first occurrence of NEEDLE in HAYSTACK, or NULL. */
char *
strstr (const char *haystack, const char *needle)
{
  size_t n = strlen (needle);

  for (; *haystack != '\0' || n == 0; haystack++)
    if (strncmp (haystack, needle, n) == 0)
      return (char *) haystack;
  return NULL;
}

/* Splits S into tokens separated by characters of DELIMS.  Pass S on the
   first call and NULL afterwards; *SAVE keeps the position. */
char *
strtok_r (char *s, const char *delims, char **save)
{
  char *token;

  if (s == NULL)
    s = *save;
  while (*s != '\0' && strchr (delims, *s) != NULL)
    s++;
  if (*s == '\0')
    {
      *save = s;
      return NULL;
    }
  token = s;
  while (*s != '\0' && strchr (delims, *s) == NULL)
    s++;
  if (*s != '\0')
    *s++ = '\0';
  *save = s;
  return token;
}
