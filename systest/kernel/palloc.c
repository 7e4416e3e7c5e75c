#include "palloc.h"
#include <stdint.h>
#include "console.h"
#include "memmap.h"
#include "string.h"
#include "vaddr.h"

/* Physical ranges of the pools: the kernel pool starts after the kernel
   image and its boot page tables; the user pool is 4 MiB at 32 MiB.
   Fixed ranges keep every page address the same from run to run and
   from machine to machine. */
#define KERNEL_POOL_END  0x2000000
#define USER_POOL_START  0x2000000
#define USER_POOL_END    0x2400000

struct free_page {
	struct free_page *next;
};

struct pool {
	uint8_t *next;              /* first never-allocated page */
	uint8_t *end;
	struct free_page *free;     /* pages given back */
	size_t free_cnt;            /* pages available (both kinds) */
};

static struct pool kernel_pool, user_pool;

/* Sets POOL to the physical range [START, END). */
static void init_pool (struct pool *p, uint64_t start, uint64_t end) {
	p->next = ptov (start);
	p->end = ptov (end);
	p->free = NULL;
	p->free_cnt = (end - start) / PGSIZE;
}

/* Sets up both pools after checking the e820 map covers them. */
void palloc_init (void) {
	extern char _end;
	uint64_t kstart = vtop (pg_round_up (&_end));
	if (!memmap_usable (kstart, USER_POOL_END))
		panic ("palloc: physical memory below %#x is not all usable", USER_POOL_END);
	init_pool (&kernel_pool, kstart, KERNEL_POOL_END);
	init_pool (&user_pool, USER_POOL_START, USER_POOL_END);
}

/* Returns the kernel virtual address of a free page, or NULL. */
void *palloc_get_page (enum palloc_flags flags) {
	struct pool *p = (flags & PAL_USER) ? &user_pool : &kernel_pool;
	void *page = NULL;
	if (p->free != NULL) {
		page = p->free;
		p->free = p->free->next;
	} else if (p->next < p->end) {
		page = p->next;
		p->next += PGSIZE;
	}
	if (page == NULL) {
		if (flags & PAL_ASSERT)
			panic ("palloc: out of pages");
		return NULL;
	}
	p->free_cnt--;
	if (flags & PAL_ZERO)
		memset (page, 0, PGSIZE);
	return page;
}

/* Returns page KVA to its pool. */
void palloc_free_page (void *kva) {
	uint64_t pa = vtop (kva);
	struct pool *p = (pa >= USER_POOL_START && pa < USER_POOL_END) ? &user_pool : &kernel_pool;
	struct free_page *f = kva;
	f->next = p->free;
	p->free = f;
	p->free_cnt++;
}

/* Number of pages left in the user pool. */
size_t palloc_user_free_cnt (void) {
	return user_pool.free_cnt;
}
