// Native half of the differential test: runs each case's instruction bytes on the host CPU and
// reports the final state. Reads cases from stdin until EOF and writes one result per case to
// stdout; the binary layout of both is described in state.ts (the two files must agree).
//
// Address space of a case: the code page at CODE_ADDR (the case's bytes, then an absolute jump to
// `guest_exit`), the data area at DATA_ADDR (DATA_SIZE bytes, filled from a xorshift32 seed and
// then patched with the case's qwords), and PROT_NONE guard pages just below and above it.
// The guest runs with all 16 general registers and the status flags taken from the case; a
// fault (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP) is caught on an alternate stack and reported
// with the registers at fault entry, which are the registers before the faulting instruction.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#define CODE_ADDR 0x10000000UL
#define CODE_SIZE 0x1000UL
#define DATA_ADDR 0x20000000UL
#define DATA_SIZE 0x2000UL
#define MAX_CODE 3000U
#define MAX_PATCHES 64U
#define FLAG_MASK 0xCD5UL /* CF PF AF ZF SF DF OF */

enum status { ST_OK = 0, ST_SEGV = 1, ST_BUS = 2, ST_FPE = 3, ST_ILL = 4, ST_TRAP = 5, ST_TIMEOUT = 6 };

/* Register file in encoding order: rax rcx rdx rbx rsp rbp rsi rdi r8..r15, then rflags. */
struct regs {
  uint64_t r[16];
  uint64_t flags;
};

struct regs guest_in;  /* read by guest_enter */
struct regs guest_out; /* written by guest_exit */
uint64_t host_rsp;     /* the harness's stack pointer while the guest runs */

void guest_enter(void);
void guest_exit(void);

/* guest_enter: saves the callee-saved registers and rsp, loads rflags and every register from
   guest_in and jumps to CODE_ADDR. guest_exit: the code's trailing jump lands here; it stores
   every register and rflags in guest_out, restores the harness stack and returns from
   guest_enter. Neither touches the guest stack. */
__asm__(
    ".text\n"
    ".globl guest_enter\n"
    "guest_enter:\n"
    "  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
    "  mov %rsp, host_rsp(%rip)\n"
    "  pushq guest_in+128(%rip)\n"
    "  popfq\n"
    "  mov guest_in+0(%rip), %rax\n"
    "  mov guest_in+8(%rip), %rcx\n"
    "  mov guest_in+16(%rip), %rdx\n"
    "  mov guest_in+24(%rip), %rbx\n"
    "  mov guest_in+32(%rip), %rsp\n"
    "  mov guest_in+40(%rip), %rbp\n"
    "  mov guest_in+48(%rip), %rsi\n"
    "  mov guest_in+56(%rip), %rdi\n"
    "  mov guest_in+64(%rip), %r8\n"
    "  mov guest_in+72(%rip), %r9\n"
    "  mov guest_in+80(%rip), %r10\n"
    "  mov guest_in+88(%rip), %r11\n"
    "  mov guest_in+96(%rip), %r12\n"
    "  mov guest_in+104(%rip), %r13\n"
    "  mov guest_in+112(%rip), %r14\n"
    "  mov guest_in+120(%rip), %r15\n"
    "  jmp *guest_entry_addr(%rip)\n"
    ".globl guest_exit\n"
    "guest_exit:\n"
    "  mov %rax, guest_out+0(%rip)\n"
    "  mov %rcx, guest_out+8(%rip)\n"
    "  mov %rdx, guest_out+16(%rip)\n"
    "  mov %rbx, guest_out+24(%rip)\n"
    "  mov %rsp, guest_out+32(%rip)\n"
    "  mov %rbp, guest_out+40(%rip)\n"
    "  mov %rsi, guest_out+48(%rip)\n"
    "  mov %rdi, guest_out+56(%rip)\n"
    "  mov %r8, guest_out+64(%rip)\n"
    "  mov %r9, guest_out+72(%rip)\n"
    "  mov %r10, guest_out+80(%rip)\n"
    "  mov %r11, guest_out+88(%rip)\n"
    "  mov %r12, guest_out+96(%rip)\n"
    "  mov %r13, guest_out+104(%rip)\n"
    "  mov %r14, guest_out+112(%rip)\n"
    "  mov %r15, guest_out+120(%rip)\n"
    "  mov host_rsp(%rip), %rsp\n"
    "  pushfq\n"
    "  popq guest_out+128(%rip)\n"
    "  cld\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbp\n  pop %rbx\n"
    "  ret\n");

uint64_t guest_entry_addr = CODE_ADDR;

static sigjmp_buf fault_jmp;
static volatile int in_guest;
static uint64_t fault_rip, fault_addr;
static uint32_t fault_code;
static uint8_t data_before[DATA_SIZE];

/* Greg indices of the ucontext in encoding order. */
static const int greg_index[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                   REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};

/* Records the guest state at fault entry and unwinds to run_case. Only acts while a guest runs. */
static void on_fault(int sig, siginfo_t *info, void *ctx) {
  if (!in_guest) {
    if (sig == SIGALRM) return;
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  const ucontext_t *uc = ctx;
  for (int i = 0; i < 16; i++) guest_out.r[i] = (uint64_t)uc->uc_mcontext.gregs[greg_index[i]];
  guest_out.flags = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
  fault_rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
  fault_addr = (uint64_t)info->si_addr;
  fault_code = (uint32_t)info->si_code;
  in_guest = 0;
  siglongjmp(fault_jmp, sig);
}

/* Installs on_fault for every signal a guest can raise, running on an alternate stack. */
static void install_handlers(void) {
  static uint8_t alt[1 << 16];
  stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
  if (sigaltstack(&ss, NULL) != 0) {
    perror("sigaltstack");
    exit(2);
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGALRM};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
}

/* Maps `size` bytes at exactly `addr` with `prot`; exits when the range is taken. */
static void map_fixed(uint64_t addr, uint64_t size, int prot) {
  void *p = mmap((void *)addr, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p != (void *)addr) {
    fprintf(stderr, "harness: cannot map 0x%lx\n", (unsigned long)addr);
    exit(2);
  }
}

/* Fills the data area from a xorshift32 stream (state.ts has the same generator). */
static void fill_data(uint8_t *d, uint32_t seed) {
  uint32_t x = seed ? seed : 0x9E3779B9U;
  for (uint64_t i = 0; i < DATA_SIZE; i += 4) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    memcpy(d + i, &x, 4);
  }
}

/* Reads exactly n bytes; returns 0 at a clean EOF before the first byte, exits on a short read. */
static int read_exact(void *buf, size_t n) {
  size_t got = fread(buf, 1, n, stdin);
  if (got == n) return 1;
  if (got == 0 && feof(stdin)) return 0;
  fprintf(stderr, "harness: truncated input\n");
  exit(2);
}

static void write_exact(const void *buf, size_t n) {
  if (fwrite(buf, 1, n, stdout) != n) exit(3);
}

/* Maps a signal number to the status reported for it. */
static uint32_t status_of(int sig) {
  switch (sig) {
    case SIGSEGV: return ST_SEGV;
    case SIGBUS: return ST_BUS;
    case SIGFPE: return ST_FPE;
    case SIGILL: return ST_ILL;
    case SIGTRAP: return ST_TRAP;
    default: return ST_TIMEOUT;
  }
}

/* Runs one case already placed in memory and guest_in; writes its result record. */
static void run_case(uint32_t code_len) {
  static const struct itimerval arm = {{0, 0}, {1, 0}}, disarm = {{0, 0}, {0, 0}};
  uint32_t status = ST_OK;
  fault_rip = CODE_ADDR + code_len;
  fault_addr = 0;
  fault_code = 0;
  setitimer(ITIMER_REAL, &arm, NULL);
  int sig = sigsetjmp(fault_jmp, 1);
  if (sig == 0) {
    in_guest = 1;
    guest_enter();
    in_guest = 0;
  } else {
    status = status_of(sig);
  }
  setitimer(ITIMER_REAL, &disarm, NULL);

  const uint8_t *data = (const uint8_t *)DATA_ADDR;
  uint32_t changed = 0;
  for (uint32_t i = 0; i < DATA_SIZE; i++) changed += data[i] != data_before[i];
  write_exact(&status, 4);
  write_exact(&fault_code, 4);
  write_exact(&fault_rip, 8);
  write_exact(&fault_addr, 8);
  write_exact(&guest_out, sizeof guest_out);
  write_exact(&changed, 4);
  for (uint32_t i = 0; i < DATA_SIZE; i++) {
    if (data[i] == data_before[i]) continue;
    uint16_t off = (uint16_t)i;
    write_exact(&off, 2);
    write_exact(&data[i], 1);
  }
}

int main(void) {
  map_fixed(CODE_ADDR, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC);
  map_fixed(DATA_ADDR - 0x1000, 0x1000, PROT_NONE);
  map_fixed(DATA_ADDR, DATA_SIZE, PROT_READ | PROT_WRITE);
  map_fixed(DATA_ADDR + DATA_SIZE, 0x1000, PROT_NONE);
  install_handlers();

  uint8_t *code = (uint8_t *)CODE_ADDR;
  uint8_t *data = (uint8_t *)DATA_ADDR;
  for (;;) {
    uint32_t code_len;
    if (!read_exact(&code_len, 4)) break;
    if (code_len > MAX_CODE) {
      fprintf(stderr, "harness: code too long (%u)\n", code_len);
      return 2;
    }
    memset(code, 0xCC, CODE_SIZE);
    read_exact(code, code_len);
    static const uint8_t jmp_abs[6] = {0xFF, 0x25, 0, 0, 0, 0}; /* jmp *0(%rip) */
    uint64_t exit_addr = (uint64_t)(uintptr_t)&guest_exit;
    memcpy(code + code_len, jmp_abs, 6);
    memcpy(code + code_len + 6, &exit_addr, 8);
    __builtin___clear_cache((char *)code, (char *)code + CODE_SIZE);

    read_exact(guest_in.r, sizeof guest_in.r);
    uint64_t flags;
    read_exact(&flags, 8);
    guest_in.flags = 0x202 | (flags & FLAG_MASK);

    uint32_t seed;
    uint16_t npatch;
    read_exact(&seed, 4);
    read_exact(&npatch, 2);
    if (npatch > MAX_PATCHES) {
      fprintf(stderr, "harness: too many patches (%u)\n", npatch);
      return 2;
    }
    fill_data(data, seed);
    for (uint16_t i = 0; i < npatch; i++) {
      uint16_t off;
      uint64_t value;
      read_exact(&off, 2);
      read_exact(&value, 8);
      if (off > DATA_SIZE - 8) {
        fprintf(stderr, "harness: patch offset out of range\n");
        return 2;
      }
      memcpy(data + off, &value, 8);
    }
    memcpy(data_before, data, DATA_SIZE);
    run_case(code_len);
  }
  fflush(stdout);
  return 0;
}
