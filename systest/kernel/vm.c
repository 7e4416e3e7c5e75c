/* Supplemental page table, frame table and page-fault resolution. */
#include "vm.h"
#include "console.h"
#include "malloc.h"
#include "mmu.h"
#include "palloc.h"
#include "thread.h"
#include "vaddr.h"

/* Every frame that holds a user page, oldest first. */
struct list frame_table;

#define STACK_LIMIT (1 << 20)       /* the stack may grow to 1 MiB */

/* Sets up the frame table and the swap disk. */
void vm_init (void) {
	list_init (&frame_table);
	vm_anon_init ();
}

/* Hash of a page: its address. */
static unsigned page_hash (const struct hash_elem *e, void *aux) {
	(void) aux;
	const struct page *p = hash_entry (e, struct page, hash_elem);
	return hash_bytes (&p->va, sizeof p->va);
}

/* Orders pages by address. */
static bool page_less (const struct hash_elem *a, const struct hash_elem *b, void *aux) {
	(void) aux;
	return hash_entry (a, struct page, hash_elem)->va
		< hash_entry (b, struct page, hash_elem)->va;
}

/* Empty table. */
void supplemental_page_table_init (struct supplemental_page_table *spt) {
	if (!hash_init (&spt->spt_hash, page_hash, page_less, NULL))
		panic ("spt: out of memory");
}

/* The page that contains VA, or NULL. */
struct page *spt_find_page (struct supplemental_page_table *spt, void *va) {
	struct page key;
	key.va = pg_round_down (va);
	struct hash_elem *e = hash_find (&spt->spt_hash, &key.hash_elem);
	return e != NULL ? hash_entry (e, struct page, hash_elem) : NULL;
}

/* Adds PAGE; false if its address is taken. */
bool spt_insert_page (struct supplemental_page_table *spt, struct page *page) {
	return hash_insert (&spt->spt_hash, &page->hash_elem) == NULL;
}

/* The type PAGE has or (if uninitialized) will have. */
enum vm_type page_get_type (struct page *page) {
	enum vm_type t = page->operations->type;
	return t == VM_UNINIT ? VM_TYPE (page->uninit.type) : t;
}

/* Registers a lazily loaded page at UPAGE of TYPE in the current
   process: on its first fault it becomes TYPE and INIT (with AUX)
   fills it.  File-backed types are loaded as anonymous pages, as the
   Pintos skeleton does for executable segments. */
bool vm_alloc_page_with_initializer (enum vm_type type, void *upage, bool writable,
		vm_initializer *init, void *aux) {
	struct supplemental_page_table *spt = &thread_current ()->spt;
	ASSERT (VM_TYPE (type) != VM_UNINIT);
	if (spt_find_page (spt, upage) != NULL)
		return false;
	struct page *page = malloc (sizeof *page);
	if (page == NULL)
		return false;
	uninit_new (page, upage, init, type, aux, anon_initializer);
	page->writable = writable;
	if (!spt_insert_page (spt, page)) {
		free (page);
		return false;
	}
	return true;
}

/* Removes the oldest frame's page from memory (swap out) and returns
   the frame, or NULL. */
static struct frame *vm_evict_frame (void) {
	if (list_empty (&frame_table))
		return NULL;
	struct frame *f = list_entry (list_begin (&frame_table), struct frame, frame_elem);
	struct page *victim = f->page;
	if (victim->operations->swap_out == NULL || !swap_out (victim))
		return NULL;
	pml4_clear_page (thread_current ()->pml4, victim->va);
	victim->frame = NULL;
	list_remove (&f->frame_elem);
	f->page = NULL;
	return f;
}

/* A frame from the user pool, evicting a page if the pool is empty. */
static struct frame *vm_get_frame (void) {
	void *kva = palloc_get_page (PAL_USER);
	struct frame *f;
	if (kva == NULL) {
		f = vm_evict_frame ();
		if (f == NULL)
			panic ("vm: out of frames and swap");
	} else {
		f = malloc (sizeof *f);
		if (f == NULL)
			panic ("vm: out of memory");
		f->kva = kva;
		f->page = NULL;
	}
	list_push_back (&frame_table, &f->frame_elem);
	return f;
}

/* Gives PAGE a frame, maps it and fills it (swap_in). */
static bool vm_do_claim_page (struct page *page) {
	struct frame *frame = vm_get_frame ();
	frame->page = page;
	page->frame = frame;
	if (!pml4_set_page (thread_current ()->pml4, page->va, frame->kva, page->writable))
		return false;
	return swap_in (page, frame->kva);
}

/* Brings the page at VA into memory. */
bool vm_claim_page (void *va) {
	struct page *page = spt_find_page (&thread_current ()->spt, va);
	return page != NULL && vm_do_claim_page (page);
}

/* Resolves a page fault at ADDR: a registered page is loaded (first
   touch) or swapped in; an unregistered address just below the user
   stack pointer grows the stack.  Prints one line per resolved fault.
   Returns false (printing nothing) if the access is invalid. */
bool vm_try_handle_fault (struct intr_frame *f, void *addr, bool user,
		bool write, bool not_present) {
	struct thread *t = thread_current ();
	if (!not_present || addr == NULL || is_kernel_vaddr (addr))
		return false;

	struct page *page = spt_find_page (&t->spt, addr);
	if (page == NULL) {
		uint64_t rsp = user ? f->rsp : t->user_rsp;
		uint64_t a = (uint64_t) addr;
		if (a + 8 < rsp || a >= USER_STACK || a < USER_STACK - STACK_LIMIT)
			return false;
		printf ("vm: page fault at %p (not present, %s, %s): stack growth, new page %p\n",
				addr, write ? "write" : "read", user ? "user" : "kernel", pg_round_down (addr));
		if (!vm_alloc_page (VM_ANON | VM_MARKER_0, pg_round_down (addr), true))
			return false;
		return vm_claim_page (addr);
	}
	if (write && !page->writable)
		return false;
	printf ("vm: page fault at %p (not present, %s, %s): ", addr,
			write ? "write" : "read", user ? "user" : "kernel");
	if (page->operations->type == VM_UNINIT)
		printf ("first touch of %s page %p\n",
				(page->uninit.type & VM_MARKER_0) ? "stack" : "lazy", page->va);
	else
		printf ("page %p is swapped out\n", page->va);
	return vm_do_claim_page (page);
}

/* Test hook: swaps the resident page at VA out and frees its frame. */
bool vm_evict_page (void *va) {
	struct thread *t = thread_current ();
	struct page *page = spt_find_page (&t->spt, va);
	if (page == NULL || page->frame == NULL || page->operations->swap_out == NULL)
		return false;
	if (!swap_out (page))
		return false;
	struct frame *f = page->frame;
	pml4_clear_page (t->pml4, page->va);
	list_remove (&f->frame_elem);
	palloc_free_page (f->kva);
	free (f);
	page->frame = NULL;
	return true;
}

/* Frees one page: its frame (unmapped), its swap slot, the struct. */
static void page_destroy (struct hash_elem *e, void *aux) {
	(void) aux;
	struct page *page = hash_entry (e, struct page, hash_elem);
	if (page->frame != NULL) {
		struct frame *f = page->frame;
		pml4_clear_page (thread_current ()->pml4, page->va);
		list_remove (&f->frame_elem);
		palloc_free_page (f->kva);
		free (f);
	}
	if (page->operations->destroy != NULL)
		page->operations->destroy (page);
	free (page);
}

/* Frees every page of SPT, and the table. */
void supplemental_page_table_kill (struct supplemental_page_table *spt) {
	hash_destroy (&spt->spt_hash, page_destroy);
}
