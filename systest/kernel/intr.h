/* Interrupts: the IDT, the frame that every interrupt stub builds, and
   handler registration.  The frame layout is the one Pintos-KAIST's
   kernel uses (struct intr_frame), so tools that know that kernel can
   read ours. */
#ifndef SYSTEST_INTR_H
#define SYSTEST_INTR_H

#include <stdbool.h>
#include <stdint.h>

/* General-purpose registers, in the order the stubs save them. */
struct gp_registers {
	uint64_t r15;
	uint64_t r14;
	uint64_t r13;
	uint64_t r12;
	uint64_t r11;
	uint64_t r10;
	uint64_t r9;
	uint64_t r8;
	uint64_t rsi;
	uint64_t rdi;
	uint64_t rbp;
	uint64_t rdx;
	uint64_t rcx;
	uint64_t rbx;
	uint64_t rax;
} __attribute__ ((packed));

/* Saved state of the interrupted code. */
struct intr_frame {
	struct gp_registers R;     /* saved by intr_entry */
	uint16_t es;
	uint16_t __pad1;
	uint32_t __pad2;
	uint16_t ds;
	uint16_t __pad3;
	uint32_t __pad4;
	uint64_t vec_no;           /* pushed by the vector's stub */
	uint64_t error_code;       /* pushed by the CPU, or 0 by the stub */
	uint64_t rip;              /* pushed by the CPU from here on */
	uint16_t cs;
	uint16_t __pad5;
	uint32_t __pad6;
	uint64_t eflags;
	uint64_t rsp;
	uint16_t ss;
	uint16_t __pad7;
	uint32_t __pad8;
} __attribute__ ((packed));

typedef void intr_handler_func (struct intr_frame *);

#define FLAG_IF 0x200

void intr_init (void);
void intr_register_int (uint8_t vec, int dpl, bool keep_if,
		intr_handler_func *, const char *name);
void intr_register_ext (uint8_t vec, intr_handler_func *, const char *name);
const char *intr_name (uint8_t vec);
bool intr_in_external (void);

/* Returns true if interrupts are enabled. */
static inline bool intr_enabled (void) {
	uint64_t f;
	asm volatile ("pushfq; popq %0" : "=g" (f));
	return (f & FLAG_IF) != 0;
}

/* Disables interrupts; returns whether they were enabled. */
static inline bool intr_disable (void) {
	bool was = intr_enabled ();
	asm volatile ("cli" : : : "memory");
	return was;
}

/* Enables interrupts. */
static inline void intr_enable (void) {
	asm volatile ("sti" : : : "memory");
}

/* Restores the state returned by intr_disable(). */
static inline void intr_restore (bool enabled) {
	if (enabled)
		intr_enable ();
}

/* Sleeps until the next interrupt with interrupts enabled ("sti; hlt"
   has no window in which an interrupt is lost), then disables them. */
static inline void intr_wait (void) {
	asm volatile ("sti; hlt; cli" : : : "memory");
}

#endif
