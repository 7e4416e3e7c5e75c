#include "malloc.h"
#include <stdint.h>
#include "console.h"
#include "palloc.h"
#include "string.h"
#include "vaddr.h"

/* Blocks of 32, 64, ... 2048 bytes carved from kernel pages; each block
   starts with a 16-byte header naming its size class, so free() needs
   no size.  Freed blocks go on their class's list. */
#define CLASS_CNT 7
#define MIN_BLOCK 32
#define HEADER 16

struct block {
	struct block *next;         /* when free */
};

static struct block *free_lists[CLASS_CNT];

/* Returns the class whose blocks hold SIZE bytes plus the header. */
static int class_of (size_t size) {
	size_t b = MIN_BLOCK;
	for (int c = 0; c < CLASS_CNT; c++, b <<= 1)
		if (size + HEADER <= b)
			return c;
	return -1;
}

/* Returns SIZE bytes (at most 2032), 16-byte aligned, or NULL. */
void *malloc (size_t size) {
	int c = class_of (size);
	if (c < 0)
		return NULL;
	size_t bsize = (size_t) MIN_BLOCK << c;
	if (free_lists[c] == NULL) {
		uint8_t *page = palloc_get_page (0);
		if (page == NULL)
			return NULL;
		for (size_t off = 0; off + bsize <= PGSIZE; off += bsize) {
			struct block *b = (struct block *) (page + off);
			b->next = free_lists[c];
			free_lists[c] = b;
		}
	}
	struct block *b = free_lists[c];
	free_lists[c] = b->next;
	*(uint64_t *) b = c;
	return (uint8_t *) b + HEADER;
}

/* malloc() of N * SIZE zeroed bytes. */
void *calloc (size_t n, size_t size) {
	void *p = malloc (n * size);
	if (p != NULL)
		memset (p, 0, n * size);
	return p;
}

/* Gives block P (from malloc) back; NULL is ignored. */
void free (void *p) {
	if (p == NULL)
		return;
	struct block *b = (struct block *) ((uint8_t *) p - HEADER);
	uint64_t c = *(uint64_t *) b;
	ASSERT (c < CLASS_CNT);
	b->next = free_lists[c];
	free_lists[c] = b;
}
