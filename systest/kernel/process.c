#include "process.h"
#include "console.h"
#include "fs.h"
#include "ide.h"
#include "malloc.h"
#include "mmu.h"
#include "palloc.h"
#include "string.h"
#include "thread.h"
#include "tss.h"
#include "vaddr.h"

/* Callee-saved state of the kernel code that entered user mode. */
struct kctx {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

int user_enter (struct kctx *ctx, struct intr_frame *tf);
void kctx_resume (struct kctx *ctx, int value) __attribute__ ((noreturn));

static struct kctx kernel_ctx;
static struct thread *current;
static int next_tid = 1;

#define MAX_ARGS 8

struct list ready_list;

/* The idle thread: ready, never scheduled (this kernel runs one process
   at a time and has no scheduler).  It sits in ready_list with a saved
   kernel context in its tf, as a switched-out Pintos thread does, so
   that a debugger reading the kernel's thread lists finds a thread that
   is not on the CPU.  Its page is in .bss: it uses no allocator. */
static uint8_t idle_page[PGSIZE] __attribute__ ((aligned (PGSIZE)));

static void idle (void) __attribute__ ((noreturn, used));
static void idle (void) {
	for (;;)
		asm volatile ("hlt");
}

/* Sets up ready_list with the idle thread in it.  Prints nothing. */
void thread_init (void) {
	struct thread *t = (struct thread *) idle_page;
	list_init (&ready_list);
	memset (idle_page, 0, sizeof idle_page);
	t->tid = 1000;                     /* outside the processes' tids */
	t->status = THREAD_READY;
	memcpy (t->name, "idle", 5);
	t->tf.rip = (uint64_t) idle;
	t->tf.rsp = (uint64_t) (idle_page + PGSIZE - 8);   /* a zero return address */
	t->magic = THREAD_MAGIC;
	list_push_back (&ready_list, &t->elem);
}

/* The running user process, or NULL while the kernel runs alone. */
struct thread *thread_current (void) {
	return current;
}

/* ELF64 structures (only the fields we use are named). */
struct elf_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} __attribute__ ((packed));

struct elf_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
} __attribute__ ((packed));

#define PT_LOAD 1
#define PF_W 2

/* What lazy_load_segment needs to fill one page. */
struct lazy_aux {
	uint32_t sector;            /* the file's first sector on the fs disk */
	uint32_t offset;            /* page's offset in the file (page aligned) */
	uint32_t read_bytes;        /* bytes from the file; the rest is zero */
};

/* Page initializer for executable segments: reads the page's bytes from
   the fs disk into its frame and zeroes the rest. */
static bool lazy_load_segment (struct page *page, void *aux_) {
	struct lazy_aux *a = aux_;
	uint8_t *kva = page->frame->kva;
	struct disk *fs = disk_get (0, 1);
	uint32_t sectors = (a->read_bytes + DISK_SECTOR_SIZE - 1) / DISK_SECTOR_SIZE;
	for (uint32_t i = 0; i < sectors; i++)
		disk_read (fs, a->sector + a->offset / DISK_SECTOR_SIZE + i, kva + i * DISK_SECTOR_SIZE);
	memset (kva + a->read_bytes, 0, PGSIZE - a->read_bytes);
	printf ("vm: loaded %p from %s: %s\n", page->va, current->name,
			a->read_bytes == 0 ? "zero page"
			: a->read_bytes == PGSIZE ? "whole page from disk" : "from disk, zero-filled tail");
	free (a);
	return true;
}

/* Registers the pages of one PT_LOAD segment as lazily loaded. */
static int load_segment (const struct fs_file *file, uint32_t ofs, uint8_t *upage,
		uint32_t read_bytes, uint32_t zero_bytes, bool writable) {
	int pages = 0;
	while (read_bytes > 0 || zero_bytes > 0) {
		uint32_t page_read = read_bytes < PGSIZE ? read_bytes : PGSIZE;
		struct lazy_aux *aux = malloc (sizeof *aux);
		if (aux == NULL)
			return -1;
		*aux = (struct lazy_aux) { file->sector, ofs, page_read };
		if (!vm_alloc_page_with_initializer (VM_ANON, upage, writable, lazy_load_segment, aux))
			return -1;
		read_bytes -= page_read;
		zero_bytes -= PGSIZE - page_read;
		ofs += PGSIZE;
		upage += PGSIZE;
		pages++;
	}
	return pages;
}

/* Reads FILE's ELF and program headers (in its first sector) and
   registers its segments; sets *ENTRY. */
static bool load (const struct fs_file *file, uint64_t *entry) {
	static uint8_t hdr[DISK_SECTOR_SIZE];
	disk_read (disk_get (0, 1), file->sector, hdr);
	struct elf_header *eh = (struct elf_header *) hdr;
	if (memcmp (eh->ident, "\177ELF\2\1\1", 7) != 0 || eh->type != 2 || eh->machine != 0x3e
			|| eh->phentsize != sizeof (struct elf_phdr)
			|| eh->phoff + eh->phnum * sizeof (struct elf_phdr) > DISK_SECTOR_SIZE) {
		printf ("load: %s: not a loadable x86-64 executable\n", file->name);
		return false;
	}
	int pages = 0;
	for (int i = 0; i < eh->phnum; i++) {
		struct elf_phdr *ph = (struct elf_phdr *) (hdr + eh->phoff) + i;
		if (ph->type != PT_LOAD)
			continue;
		if (pg_ofs (ph->offset) != pg_ofs (ph->vaddr) || ph->memsz < ph->filesz
				|| !is_user_vaddr (ph->vaddr + ph->memsz) || ph->vaddr < PGSIZE)
			return false;
		uint32_t page_ofs = pg_ofs (ph->vaddr);
		uint32_t read_bytes = ph->filesz > 0 ? page_ofs + ph->filesz : 0;
		uint32_t zero_bytes = (uint64_t) pg_round_up (page_ofs + ph->memsz) - read_bytes;
		int n = load_segment (file, ph->offset - page_ofs, pg_round_down (ph->vaddr),
				read_bytes, zero_bytes, (ph->flags & PF_W) != 0);
		if (n < 0)
			return false;
		pages += n;
	}
	*entry = eh->entry;
	printf ("load: %s: entry %#lx, %d pages registered for lazy loading\n",
			file->name, eh->entry, pages);
	return true;
}

/* Claims the first stack page and pushes ARGV as Pintos does: the
   strings, alignment to 8, argv[] with a NULL end, a fake return
   address.  Sets rsp, rdi = argc and rsi = argv in the thread's frame. */
static bool setup_stack (struct thread *t, int argc, char **argv) {
	uint8_t *stack_page = (uint8_t *) USER_STACK - PGSIZE;
	if (!vm_alloc_page (VM_ANON | VM_MARKER_0, stack_page, true) || !vm_claim_page (stack_page))
		return false;
	uint64_t sp = USER_STACK;
	uint64_t addrs[MAX_ARGS];
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen (argv[i]) + 1;
		sp -= len;
		memcpy ((void *) sp, argv[i], len);
		addrs[i] = sp;
	}
	sp &= ~7ull;
	sp -= 8;
	*(uint64_t *) sp = 0;
	for (int i = argc - 1; i >= 0; i--) {
		sp -= 8;
		*(uint64_t *) sp = addrs[i];
	}
	t->tf.R.rsi = sp;
	t->tf.R.rdi = argc;
	sp -= 8;
	*(uint64_t *) sp = 0;
	t->tf.rsp = sp;
	printf ("load: stack page %p claimed, argc %d, rsp %#lx\n", stack_page, argc, sp);
	return true;
}

/* Runs the program named by the first word of CMDLINE (further words
   are its arguments) in ring 3 and returns its exit status. */
int process_run (const char *cmdline) {
	char buf[128];
	char *argv[MAX_ARGS + 1];
	int argc = 0;
	size_t len = strnlen (cmdline, sizeof buf - 1);
	memcpy (buf, cmdline, len);
	buf[len] = '\0';
	for (char *p = buf; *p != '\0' && argc < MAX_ARGS; ) {
		while (*p == ' ')
			*p++ = '\0';
		if (*p == '\0')
			break;
		argv[argc++] = p;
		while (*p != '\0' && *p != ' ')
			p++;
	}
	argv[argc] = NULL;
	struct fs_file file;
	if (argc == 0 || !fs_lookup (argv[0], &file)) {
		printf ("run: '%s': no such program\n", cmdline);
		return -1;
	}

	struct thread *t = palloc_get_page (PAL_ASSERT | PAL_ZERO);
	t->tid = next_tid++;
	t->status = THREAD_RUNNING;
	memcpy (t->name, argv[0], strnlen (argv[0], sizeof t->name - 1));
	t->magic = THREAD_MAGIC;
	t->pml4 = pml4_create ();
	if (t->pml4 == NULL)
		panic ("run: out of memory");
	supplemental_page_table_init (&t->spt);
	current = t;
	pml4_activate (t->pml4);

	uint64_t entry;
	if (!load (&file, &entry) || !setup_stack (t, argc, argv)) {
		printf ("run: '%s': load failed\n", cmdline);
		process_exit (-1);
	}
	t->tf.ds = t->tf.es = t->tf.ss = SEL_UDSEG;
	t->tf.cs = SEL_UCSEG;
	t->tf.eflags = FLAG_IF | 0x2;
	t->tf.rip = entry;
	tss_set_rsp0 ((uint64_t) t + PGSIZE);
	printf ("run: '%s': entering ring 3 with iretq\n", cmdline);

	int status = user_enter (&kernel_ctx, &t->tf);

	intr_enable ();
	current = NULL;
	palloc_free_page (t);
	return status;
}

/* Ends the current process: prints "NAME: exit(STATUS)", frees its
   pages, frames, swap slots and page tables, and returns to the
   kernel code that called process_run(). */
void process_exit (int status) {
	struct thread *t = current;
	ASSERT (t != NULL && t->magic == THREAD_MAGIC);
	t->exit_status = status;
	printf ("%s: exit(%d)\n", t->name, status);
	size_t pages = hash_size (&t->spt.spt_hash);
	size_t frames = list_size (&frame_table);
	size_t slots = swap_slots_used ();
	supplemental_page_table_kill (&t->spt);
	pml4_activate (NULL);
	pml4_destroy (t->pml4);
	t->pml4 = NULL;
	t->status = THREAD_DYING;
	printf ("vm: process exit freed %zu pages (%zu in frames, %zu in swap); "
			"frame table %s, swap slots in use %zu\n", pages, frames, slots,
			list_empty (&frame_table) ? "empty" : "NOT EMPTY", swap_slots_used ());
	kctx_resume (&kernel_ctx, status);
}
