/* Small-object allocator on top of the page allocator. */
#ifndef SYSTEST_MALLOC_H
#define SYSTEST_MALLOC_H

#include <stddef.h>

void *malloc (size_t size);
void *calloc (size_t n, size_t size);
void free (void *p);

#endif
