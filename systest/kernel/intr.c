#include "intr.h"
#include "console.h"
#include "layout.h"
#include "pic.h"

#define INTR_CNT 256

/* A 16-byte IDT gate descriptor. */
struct gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type_attr;          /* P, DPL, type (0xe interrupt, 0xf trap) */
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t reserved;
} __attribute__ ((packed));

struct desc_ptr {
	uint16_t size;
	uint64_t address;
} __attribute__ ((packed));

static struct gate idt[INTR_CNT];
static intr_handler_func *handlers[INTR_CNT];
static const char *names[INTR_CNT];
static bool in_external;

extern void *intr_stubs[INTR_CNT];

void intr_handler (struct intr_frame *f);

/* Points IDT entry VEC at its stub with privilege DPL; TRAP keeps IF. */
static void set_gate (uint8_t vec, int dpl, bool trap) {
	uint64_t fn = (uint64_t) intr_stubs[vec];
	idt[vec] = (struct gate) {
		.off_lo = fn & 0xffff,
		.sel = SEL_KCSEG,
		.ist = 0,
		.type_attr = 0x80 | (dpl << 5) | (trap ? 0xf : 0xe),
		.off_mid = (fn >> 16) & 0xffff,
		.off_hi = fn >> 32,
	};
}

/* Short names of the CPU exceptions (Intel mnemonic and meaning). */
static const char *const exception_names[20] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range exceeded", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack-segment fault", "#GP general protection",
	"#PF page fault", "reserved", "#MF x87 floating-point error",
	"#AC alignment check", "#MC machine check", "#XM SIMD floating-point",
};

/* Programs the PICs and loads an IDT whose 256 entries are interrupt
   gates (DPL 0) to the stubs. */
void intr_init (void) {
	pic_init ();
	for (int i = 0; i < INTR_CNT; i++) {
		set_gate (i, 0, false);
		names[i] = i < 20 ? exception_names[i] : "unknown";
	}
	struct desc_ptr d = { sizeof idt - 1, (uint64_t) idt };
	asm volatile ("lidt %0" : : "m" (d));
}

/* Registers HANDLER for internal vector VEC, callable with "int" from
   privilege DPL; KEEP_IF makes it a trap gate (interrupts stay on). */
void intr_register_int (uint8_t vec, int dpl, bool keep_if,
		intr_handler_func *handler, const char *name) {
	ASSERT (vec < 0x20 || vec > 0x2f);
	set_gate (vec, dpl, keep_if);
	handlers[vec] = handler;
	names[vec] = name;
}

/* Registers HANDLER for IRQ vector VEC (0x20-0x2f); it runs with
   interrupts off and the PIC is acknowledged after it returns. */
void intr_register_ext (uint8_t vec, intr_handler_func *handler, const char *name) {
	ASSERT (vec >= 0x20 && vec <= 0x2f);
	set_gate (vec, 0, false);
	handlers[vec] = handler;
	names[vec] = name;
}

/* Returns the name registered for VEC. */
const char *intr_name (uint8_t vec) {
	return names[vec];
}

/* True while an IRQ handler runs. */
bool intr_in_external (void) {
	return in_external;
}

/* Called by intr_entry for every interrupt: runs the registered
   handler; for IRQs also sends the end-of-interrupt. */
void intr_handler (struct intr_frame *f) {
	bool external = f->vec_no >= 0x20 && f->vec_no < 0x30;
	if (external)
		in_external = true;

	intr_handler_func *h = handlers[f->vec_no];
	if (h != NULL)
		h (f);
	else if (f->vec_no != 0x27 && f->vec_no != 0x2f)
		panic ("unexpected interrupt %#04lx (%s) at rip=%#lx cs=%#x error=%#lx",
				f->vec_no, names[f->vec_no], f->rip, f->cs, f->error_code);

	if (external) {
		in_external = false;
		pic_eoi (f->vec_no);
	}
}
