#include "hash.h"
#include "console.h"
#include "malloc.h"

#define INITIAL_BUCKETS 4
#define MAX_LOAD 2                  /* grow when elem_cnt > MAX_LOAD * buckets */

/* 32-bit FNV-1a over SIZE bytes at BUF. */
unsigned hash_bytes (const void *buf, size_t size) {
	const uint8_t *p = buf;
	unsigned h = 2166136261u;
	while (size-- > 0)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Allocates CNT empty buckets, or NULL. */
static struct list *new_buckets (size_t cnt) {
	struct list *b = malloc (cnt * sizeof *b);
	if (b != NULL)
		for (size_t i = 0; i < cnt; i++)
			list_init (&b[i]);
	return b;
}

/* Sets up H empty; false if out of memory. */
bool hash_init (struct hash *h, hash_hash_func *hf, hash_less_func *less, void *aux) {
	h->elem_cnt = 0;
	h->bucket_cnt = INITIAL_BUCKETS;
	h->buckets = new_buckets (INITIAL_BUCKETS);
	h->hash = hf;
	h->less = less;
	h->aux = aux;
	return h->buckets != NULL;
}

/* The bucket E belongs in. */
static struct list *bucket_of (struct hash *h, const struct hash_elem *e) {
	return &h->buckets[h->hash (e, h->aux) & (h->bucket_cnt - 1)];
}

/* The element of bucket B equal to E (neither is less), or NULL. */
static struct hash_elem *find_in (struct hash *h, struct list *b, const struct hash_elem *e) {
	for (struct list_elem *i = list_begin (b); i != list_end (b); i = list_next (i)) {
		struct hash_elem *x = list_entry (i, struct hash_elem, list_elem);
		if (!h->less (x, e, h->aux) && !h->less (e, x, h->aux))
			return x;
	}
	return NULL;
}

/* Doubles the bucket count when the table is loaded (keeps the old
   buckets if memory runs out). */
static void maybe_grow (struct hash *h) {
	if (h->elem_cnt <= MAX_LOAD * h->bucket_cnt)
		return;
	size_t old_cnt = h->bucket_cnt;
	struct list *old = h->buckets;
	struct list *fresh = new_buckets (old_cnt * 2);
	if (fresh == NULL)
		return;
	h->buckets = fresh;
	h->bucket_cnt = old_cnt * 2;
	for (size_t i = 0; i < old_cnt; i++)
		while (!list_empty (&old[i])) {
			struct list_elem *e = list_pop_front (&old[i]);
			struct hash_elem *he = list_entry (e, struct hash_elem, list_elem);
			list_push_back (bucket_of (h, he), e);
		}
	free (old);
}

/* Inserts NEW unless an equal element exists; returns that element,
   or NULL if NEW was inserted. */
struct hash_elem *hash_insert (struct hash *h, struct hash_elem *new) {
	struct list *b = bucket_of (h, new);
	struct hash_elem *old = find_in (h, b, new);
	if (old != NULL)
		return old;
	list_push_back (b, &new->list_elem);
	h->elem_cnt++;
	maybe_grow (h);
	return NULL;
}

/* Returns the element equal to E, or NULL. */
struct hash_elem *hash_find (struct hash *h, struct hash_elem *e) {
	return find_in (h, bucket_of (h, e), e);
}

/* Removes and returns the element equal to E, or NULL. */
struct hash_elem *hash_delete (struct hash *h, struct hash_elem *e) {
	struct hash_elem *found = hash_find (h, e);
	if (found != NULL) {
		list_remove (&found->list_elem);
		h->elem_cnt--;
	}
	return found;
}

/* Calls ACTION on every element (ACTION must not change the table). */
void hash_apply (struct hash *h, hash_action_func *action) {
	for (size_t i = 0; i < h->bucket_cnt; i++)
		for (struct list_elem *e = list_begin (&h->buckets[i]); e != list_end (&h->buckets[i]); ) {
			struct list_elem *next = list_next (e);
			action (list_entry (e, struct hash_elem, list_elem), h->aux);
			e = next;
		}
}

/* Removes every element, calling DESTRUCTOR (if not NULL) on each,
   which may free it, then frees the buckets. */
void hash_destroy (struct hash *h, hash_action_func *destructor) {
	for (size_t i = 0; i < h->bucket_cnt; i++)
		while (!list_empty (&h->buckets[i])) {
			struct list_elem *e = list_pop_front (&h->buckets[i]);
			if (destructor != NULL)
				destructor (list_entry (e, struct hash_elem, list_elem), h->aux);
		}
	h->elem_cnt = 0;
	free (h->buckets);
	h->buckets = NULL;
}

/* Number of elements. */
size_t hash_size (struct hash *h) {
	return h->elem_cnt;
}
