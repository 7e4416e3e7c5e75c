/* stdlib.h: numeric helpers, a deterministic PRNG and sorting. */
#ifndef USERPROGS_STDLIB_H
#define USERPROGS_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

int atoi (const char *s);
int abs (int x);
long labs (long x);

void random_init (unsigned seed);
unsigned long random_ulong (void);

void qsort (void *base, size_t count, size_t size,
            int (*compare) (const void *, const void *));

void exit (int status) __attribute__ ((noreturn));

#endif /* stdlib.h */
