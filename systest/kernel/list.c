#include "list.h"
#include "console.h"

/* Makes L empty: head and tail point at each other. */
void list_init (struct list *l) {
	l->head.prev = NULL;
	l->head.next = &l->tail;
	l->tail.prev = &l->head;
	l->tail.next = NULL;
}

/* First element, or the tail if L is empty. */
struct list_elem *list_begin (struct list *l) {
	return l->head.next;
}

/* The tail sentinel (one past the last element). */
struct list_elem *list_end (struct list *l) {
	return &l->tail;
}

/* The element after E. */
struct list_elem *list_next (struct list_elem *e) {
	return e->next;
}

/* Inserts E just before BEFORE (an element or a tail). */
void list_insert (struct list_elem *before, struct list_elem *e) {
	ASSERT (before->prev != NULL);
	e->prev = before->prev;
	e->next = before;
	before->prev->next = e;
	before->prev = e;
}

/* Appends E to L. */
void list_push_back (struct list *l, struct list_elem *e) {
	list_insert (list_end (l), e);
}

/* Prepends E to L. */
void list_push_front (struct list *l, struct list_elem *e) {
	list_insert (list_begin (l), e);
}

/* Unlinks E; returns the element that followed it. */
struct list_elem *list_remove (struct list_elem *e) {
	ASSERT (e->prev != NULL && e->next != NULL);
	e->prev->next = e->next;
	e->next->prev = e->prev;
	return e->next;
}

/* Unlinks and returns the first element (L must not be empty). */
struct list_elem *list_pop_front (struct list *l) {
	ASSERT (!list_empty (l));
	struct list_elem *e = list_begin (l);
	list_remove (e);
	return e;
}

/* True if L has no elements. */
bool list_empty (struct list *l) {
	return list_begin (l) == list_end (l);
}

/* Number of elements (walks the list). */
size_t list_size (struct list *l) {
	size_t n = 0;
	for (struct list_elem *e = list_begin (l); e != list_end (l); e = list_next (e))
		n++;
	return n;
}
