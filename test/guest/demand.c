/* C code under demand paging (MAP mode): an array in never-mapped memory, written first and read
   back, pages only ever read, and a recursion deep enough to grow the stack page by page. */
#include "guest.h"

#define ARRAY ((u64 *)0x16000000)
#define ARRAY_PAGES 16
#define READ_ONLY ((volatile u64 *)0x16100000)
#define READ_PAGES 4
#define DEPTH 40

/* Sums n + (n-1) + ... + 1 with a frame of about 600 bytes per level. */
static u64 __attribute__((noinline)) deep(u64 n) {
  volatile unsigned char pad[576];
  pad[0] = (unsigned char)n;
  pad[sizeof pad - 1] = 1;
  if (n == 0) return 0;
  return deep(n - 1) + pad[0] + pad[sizeof pad - 1] - 1;
}

void __attribute__((noreturn)) _start(void) {
  sys3(SYS_FAULT_MODE, MODE_MAP, 0, 0);
  const u64 n = ARRAY_PAGES * 512;
  for (u64 i = 0; i < n; i++) ARRAY[i] = i * i;
  u64 sum = 0;
  for (u64 i = 0; i < n; i++) sum += ((volatile u64 *)ARRAY)[i];
  check(1, sum, (n - 1) * n * (2 * n - 1) / 6);

  u64 bits = 0;
  for (u64 k = 0; k < READ_PAGES; k++) bits |= READ_ONLY[k * 512 + k];
  check(2, bits, 0);

  check(3, deep(DEPTH), DEPTH * (DEPTH + 1) / 2);
  sys_exit(0);
}
