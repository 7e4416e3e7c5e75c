/* Chained hash table whose buckets are lists.  The struct layouts match
   Pintos's lib/kernel/hash.h (struct hash_elem wraps a list_elem;
   struct hash has elem_cnt, bucket_cnt, buckets, hash, less, aux). */
#ifndef SYSTEST_HASH_H
#define SYSTEST_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"

struct hash_elem {
	struct list_elem list_elem;
};

/* The structure of type STRUCT whose member MEMBER is ELEM. */
#define hash_entry(ELEM, STRUCT, MEMBER) \
	((STRUCT *) ((uint8_t *) &(ELEM)->list_elem - offsetof (STRUCT, MEMBER.list_elem)))

typedef unsigned hash_hash_func (const struct hash_elem *e, void *aux);
typedef bool hash_less_func (const struct hash_elem *a, const struct hash_elem *b, void *aux);
typedef void hash_action_func (struct hash_elem *e, void *aux);

struct hash {
	size_t elem_cnt;
	size_t bucket_cnt;              /* a power of 2 */
	struct list *buckets;
	hash_hash_func *hash;
	hash_less_func *less;
	void *aux;
};

bool hash_init (struct hash *, hash_hash_func *, hash_less_func *, void *aux);
void hash_destroy (struct hash *, hash_action_func *);
struct hash_elem *hash_insert (struct hash *, struct hash_elem *);
struct hash_elem *hash_find (struct hash *, struct hash_elem *);
struct hash_elem *hash_delete (struct hash *, struct hash_elem *);
void hash_apply (struct hash *, hash_action_func *);
size_t hash_size (struct hash *);
unsigned hash_bytes (const void *buf, size_t size);

#endif
