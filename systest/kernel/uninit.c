/* Pages that have not been touched yet: on the first fault the page
   becomes its real type and its initializer fills the frame. */
#include "vm.h"
#include "console.h"
#include "malloc.h"

static bool uninit_initialize (struct page *page, void *kva);
static void uninit_destroy (struct page *page);

static const struct page_operations uninit_ops = {
	.swap_in = uninit_initialize,
	.swap_out = NULL,
	.destroy = uninit_destroy,
	.type = VM_UNINIT,
};

/* Makes PAGE an uninitialized page at VA that will become TYPE through
   INITIALIZER and then be filled by INIT (AUX passed to it). */
void uninit_new (struct page *page, void *va, vm_initializer *init,
		enum vm_type type, void *aux,
		bool (*initializer) (struct page *, enum vm_type, void *kva)) {
	ASSERT (page != NULL);
	page->operations = &uninit_ops;
	page->va = va;
	page->frame = NULL;
	page->uninit = (struct uninit_page) {
		.init = init,
		.type = type,
		.aux = aux,
		.page_initializer = initializer,
	};
}

/* First fault: turn PAGE into its type, then run the content
   initializer (which owns AUX and frees it). */
static bool uninit_initialize (struct page *page, void *kva) {
	struct uninit_page u = page->uninit;
	if (!u.page_initializer (page, u.type, kva))
		return false;
	return u.init == NULL || u.init (page, u.aux);
}

/* Destroying a never-touched page frees its initializer's data. */
static void uninit_destroy (struct page *page) {
	free (page->uninit.aux);
}
