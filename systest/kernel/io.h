/* Port I/O and a few privileged instructions. */
#ifndef SYSTEST_IO_H
#define SYSTEST_IO_H

#include <stdint.h>
#include <stddef.h>

/* Reads a byte from PORT. */
static inline uint8_t inb (uint16_t port) {
	uint8_t v;
	asm volatile ("inb %w1, %b0" : "=a" (v) : "Nd" (port));
	return v;
}

/* Writes byte V to PORT. */
static inline void outb (uint16_t port, uint8_t v) {
	asm volatile ("outb %b0, %w1" : : "a" (v), "Nd" (port));
}

/* Writes 16-bit V to PORT. */
static inline void outw (uint16_t port, uint16_t v) {
	asm volatile ("outw %w0, %w1" : : "a" (v), "Nd" (port));
}

/* Reads CNT 16-bit words from PORT into BUF. */
static inline void insw (uint16_t port, void *buf, size_t cnt) {
	asm volatile ("rep insw" : "+D" (buf), "+c" (cnt) : "d" (port) : "memory");
}

/* Writes CNT 16-bit words from BUF to PORT. */
static inline void outsw (uint16_t port, const void *buf, size_t cnt) {
	asm volatile ("rep outsw" : "+S" (buf), "+c" (cnt) : "d" (port));
}

/* Reads model-specific register MSR. */
static inline uint64_t rdmsr (uint32_t msr) {
	uint32_t lo, hi;
	asm volatile ("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
	return ((uint64_t) hi << 32) | lo;
}

/* Writes V to model-specific register MSR. */
static inline void wrmsr (uint32_t msr, uint64_t v) {
	asm volatile ("wrmsr" : : "c" (msr), "a" ((uint32_t) v), "d" ((uint32_t) (v >> 32)));
}

/* Returns CR2, the address of the last page fault. */
static inline uint64_t rcr2 (void) {
	uint64_t v;
	asm volatile ("mov %%cr2, %0" : "=r" (v));
	return v;
}

/* Loads CR3 with the physical address of a PML4 (flushes the TLB). */
static inline void lcr3 (uint64_t pa) {
	asm volatile ("mov %0, %%cr3" : : "r" (pa) : "memory");
}

/* Drops the TLB entry of virtual address VA. */
static inline void invlpg (const void *va) {
	asm volatile ("invlpg (%0)" : : "r" (va) : "memory");
}

/* Compiler barrier. */
#define barrier() asm volatile ("" : : : "memory")

#endif
