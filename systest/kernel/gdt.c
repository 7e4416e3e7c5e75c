#include "gdt.h"
#include "layout.h"
#include "tss.h"

struct desc_ptr {
	uint16_t size;
	uint64_t address;
} __attribute__ ((packed));

/* Flat segments: long-mode code (L=1) or data, with privilege DPL. */
#define CODE64(dpl) (0x00af9a000000ffffull | ((uint64_t) (dpl) << 45))
#define DATA(dpl)   (0x00cf92000000ffffull | ((uint64_t) (dpl) << 45))

/* Selector layout (layout.h): 0x08 kernel code, 0x10 kernel data,
   0x18 user data, 0x20 user code (the order sysret needs: user SS at
   STAR.base + 8, user CS at STAR.base + 16), 0x28 the 16-byte TSS
   descriptor. */
static uint64_t gdt[SEL_CNT];

/* Builds the GDT with the TSS, loads it, reloads every segment
   register (CS through a far return), loads the task register and
   clears the LDT. */
void gdt_init (void) {
	tss_init ();
	uint64_t base = (uint64_t) tss;
	uint64_t limit = sizeof (struct task_state) - 1;

	gdt[SEL_NULL >> 3] = 0;
	gdt[SEL_KCSEG >> 3] = CODE64 (0);
	gdt[SEL_KDSEG >> 3] = DATA (0);
	gdt[SEL_UDSEG >> 3] = DATA (3);
	gdt[SEL_UCSEG >> 3] = CODE64 (3);
	gdt[SEL_TSS >> 3] = (limit & 0xffff) | ((base & 0xffffff) << 16)
		| (0x89ull << 40)                       /* present, 64-bit TSS */
		| (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[(SEL_TSS >> 3) + 1] = base >> 32;
	gdt[7] = 0;

	struct desc_ptr d = { sizeof gdt - 1, (uint64_t) gdt };
	asm volatile ("lgdt %0" : : "m" (d));
	asm volatile (
		"movw %w0, %%ds\n\t"
		"movw %w0, %%es\n\t"
		"movw %w0, %%ss\n\t"
		"movw %w1, %%fs\n\t"
		"movw %w1, %%gs\n\t"
		"pushq %2\n\t"
		"movabsq $1f, %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:"
		: : "r" (SEL_KDSEG), "r" (0), "i" (SEL_KCSEG) : "rax", "memory");
	asm volatile ("ltr %w0" : : "r" (SEL_TSS));
	asm volatile ("lldt %w0" : : "r" (0));
}
