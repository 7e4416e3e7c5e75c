/* Test-kernel calls for guest programs written in C (protocol in README.md). */
#ifndef GUEST_H
#define GUEST_H

typedef unsigned long u64;

enum { SYS_CHECK = 1, SYS_MAP = 2, SYS_PROTECT = 3, SYS_INVLPG = 4, SYS_ALIAS = 5, SYS_PTE = 6,
       SYS_RELOAD_CR3 = 7, SYS_FAULT_MODE = 8, SYS_COPY = 9, SYS_EXIT = 60 };
enum { MODE_KILL = 0, MODE_MAP = 1, MODE_RESUME = 2, MODE_GRANT = 3 };

/* Calls the kernel with up to three arguments; returns its result. */
static inline u64 sys3(u64 nr, u64 a1, u64 a2, u64 a3) {
  u64 ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3) : "rcx", "r11", "memory");
  return ret;
}

/* Reports self-check `id`: passes when actual == expected. */
static inline void check(u64 id, u64 actual, u64 expected) { sys3(SYS_CHECK, id, actual, expected); }

/* Ends the program with `code`. */
static inline __attribute__((noreturn)) void sys_exit(u64 code) {
  sys3(SYS_EXIT, code, 0, 0);
  __builtin_unreachable();
}

#endif
