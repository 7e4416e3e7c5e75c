/* The 64-bit task-state segment: only rsp0 (the stack the CPU switches
   to on an interrupt from ring 3) is used. */
#ifndef SYSTEST_TSS_H
#define SYSTEST_TSS_H

#include <stdint.h>

struct task_state {
	uint32_t res1;
	uint64_t rsp0;
	uint64_t rsp1;
	uint64_t rsp2;
	uint64_t res2;
	uint64_t ist[7];
	uint64_t res3;
	uint16_t res4;
	uint16_t iomb;
} __attribute__ ((packed));

extern struct task_state *tss;

void tss_init (void);
void tss_set_rsp0 (uint64_t rsp0);

#endif
