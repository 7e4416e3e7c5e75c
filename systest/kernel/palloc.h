/* Page allocator: a kernel pool and a user pool of 4 KiB pages at
   fixed physical ranges. */
#ifndef SYSTEST_PALLOC_H
#define SYSTEST_PALLOC_H

#include <stddef.h>

enum palloc_flags {
	PAL_ASSERT = 001,           /* panic on failure */
	PAL_ZERO = 002,             /* zero the page */
	PAL_USER = 004,             /* from the user pool */
};

void palloc_init (void);
void *palloc_get_page (enum palloc_flags);
void palloc_free_page (void *kva);
size_t palloc_user_free_cnt (void);

#endif
