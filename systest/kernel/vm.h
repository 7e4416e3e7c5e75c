/* Supplemental page table and frames.  Type and member names follow the
   Pintos-KAIST project skeleton (include/vm/vm.h, uninit.h, anon.h,
   file.h): struct page starts with operations, va and frame, then the
   fields a student adds, then the union of uninit/anon/file data. */
#ifndef SYSTEST_VM_H
#define SYSTEST_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hash.h"
#include "intr.h"
#include "list.h"

enum vm_type {
	VM_UNINIT = 0,              /* not loaded yet */
	VM_ANON = 1,                /* not backed by a file */
	VM_FILE = 2,                /* backed by a file */
	VM_PAGE_CACHE = 3,
	VM_MARKER_0 = (1 << 3),     /* here: the page is a stack page */
	VM_MARKER_1 = (1 << 4),
	VM_MARKER_END = (1 << 31),
};

#define VM_TYPE(type) ((type) & 7)

struct page;

typedef bool vm_initializer (struct page *, void *aux);

/* A page whose contents are produced on its first fault. */
struct uninit_page {
	vm_initializer *init;       /* fills the frame, e.g. from the ELF file */
	enum vm_type type;          /* what the page becomes */
	void *aux;
	bool (*page_initializer) (struct page *, enum vm_type, void *kva);
};

/* An anonymous page; swap_index is its swap slot while swapped out. */
struct anon_page {
	size_t swap_index;
};

/* A file-backed page (not used by the test kernel's program). */
struct file_page {
	uint32_t start_sector;
	uint32_t offset;
	uint32_t read_bytes;
};

struct page_operations {
	bool (*swap_in) (struct page *, void *kva);
	bool (*swap_out) (struct page *);
	void (*destroy) (struct page *);
	enum vm_type type;
};

struct page {
	const struct page_operations *operations;
	void *va;                   /* user virtual address (page aligned) */
	struct frame *frame;        /* NULL while not resident */

	struct hash_elem hash_elem; /* in supplemental_page_table.spt_hash */
	bool writable;

	union {
		struct uninit_page uninit;
		struct anon_page anon;
		struct file_page file;
	};
};

/* A physical frame holding a user page. */
struct frame {
	void *kva;                  /* kernel virtual address of the frame */
	struct page *page;
	struct list_elem frame_elem; /* in frame_table */
};

struct supplemental_page_table {
	struct hash spt_hash;       /* struct page by va */
};

#define swap_in(page, v) (page)->operations->swap_in ((page), v)
#define swap_out(page) (page)->operations->swap_out (page)

extern struct list frame_table;

void vm_init (void);
void supplemental_page_table_init (struct supplemental_page_table *);
void supplemental_page_table_kill (struct supplemental_page_table *);
struct page *spt_find_page (struct supplemental_page_table *, void *va);
bool spt_insert_page (struct supplemental_page_table *, struct page *);

bool vm_alloc_page_with_initializer (enum vm_type, void *upage, bool writable,
		vm_initializer *init, void *aux);
#define vm_alloc_page(type, upage, writable) \
	vm_alloc_page_with_initializer ((type), (upage), (writable), NULL, NULL)
bool vm_claim_page (void *va);
bool vm_try_handle_fault (struct intr_frame *f, void *addr, bool user,
		bool write, bool not_present);
bool vm_evict_page (void *va);
enum vm_type page_get_type (struct page *);

/* uninit.c */
void uninit_new (struct page *, void *va, vm_initializer *init,
		enum vm_type type, void *aux,
		bool (*initializer) (struct page *, enum vm_type, void *kva));

/* anon.c */
void vm_anon_init (void);
bool anon_initializer (struct page *, enum vm_type, void *kva);
size_t swap_slots_used (void);

#endif
