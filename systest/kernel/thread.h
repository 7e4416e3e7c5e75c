/* The one user process the kernel runs at a time.  Like a Pintos
   thread, the struct sits at the bottom of a page whose top is the
   process's kernel stack (tss->rsp0). */
#ifndef SYSTEST_THREAD_H
#define SYSTEST_THREAD_H

#include <stdint.h>
#include "intr.h"
#include "list.h"
#include "vm.h"

#define THREAD_MAGIC 0xcd6abf4b

enum thread_status { THREAD_RUNNING, THREAD_READY, THREAD_BLOCKED, THREAD_DYING };

struct thread {
	int tid;
	enum thread_status status;
	char name[16];
	int exit_status;
	uint64_t *pml4;                     /* the process's page table */
	struct supplemental_page_table spt;
	uint64_t user_rsp;                  /* user rsp at the last system call */
	struct intr_frame tf;               /* user state to enter with iretq;
	                                       a thread that is not running keeps
	                                       its kernel context here */
	struct list_elem elem;              /* in ready_list when ready */
	unsigned magic;
};

/* Threads that are ready but not running, like Pintos's ready list. */
extern struct list ready_list;

struct thread *thread_current (void);
void thread_init (void);

#endif
