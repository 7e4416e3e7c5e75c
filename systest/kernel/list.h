/* Intrusive doubly linked list with head and tail sentinels.  The
   struct layouts match Pintos's lib/kernel/list.h so that tools that
   walk Pintos lists can walk ours. */
#ifndef SYSTEST_LIST_H
#define SYSTEST_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct list_elem {
	struct list_elem *prev;
	struct list_elem *next;
};

struct list {
	struct list_elem head;
	struct list_elem tail;
};

/* The structure of type STRUCT whose member MEMBER is ELEM. */
#define list_entry(ELEM, STRUCT, MEMBER) \
	((STRUCT *) ((uint8_t *) &(ELEM)->next - offsetof (STRUCT, MEMBER.next)))

void list_init (struct list *);
struct list_elem *list_begin (struct list *);
struct list_elem *list_end (struct list *);
struct list_elem *list_next (struct list_elem *);
void list_insert (struct list_elem *before, struct list_elem *);
void list_push_back (struct list *, struct list_elem *);
void list_push_front (struct list *, struct list_elem *);
struct list_elem *list_remove (struct list_elem *);
struct list_elem *list_pop_front (struct list *);
bool list_empty (struct list *);
size_t list_size (struct list *);

#endif
