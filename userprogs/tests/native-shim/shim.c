/* shim.c: runs the system-call test programs natively on Linux x86-64,
   as a sanity check of their C code (see tests/README.md).  It stands
   in for lib/start.c and lib/syscall.c and maps every Pintos system call
   onto Linux ones, keeping the Pintos behaviour the tests rely on:
   - the kernel's "NAME: exit(N)" line on every exit, printed on the
     original console even when the program redirected fd 1;
   - exit(-1) for bad pointers (checked page by page before each call)
     and for faults (a signal handler);
   - fixed-size files, 14-character names, write-denied executables;
   - fork gives the child its own copy of each open file (same position,
     not shared), named by fork's argument; exec keeps the name and the
     descriptors;
   - a page mapped at 0x4747f000 standing for the first stack page, so
     tests of the page above USER_STACK behave as under Pintos.
   Fork fails once FORK_LIMIT forks are nested, which gives the fork
   bomb a bottom. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>

int main (int argc, char *argv[]);
void native_start (long *sp) __attribute__ ((noreturn));

/* Linux system call numbers. */
enum
  {
    L_READ = 0, L_WRITE = 1, L_OPEN = 2, L_CLOSE = 3, L_LSEEK = 8,
    L_MMAP = 9, L_MUNMAP = 11, L_RT_SIGACTION = 13, L_PWRITE = 18,
    L_DUP2 = 33, L_FORK = 57, L_EXECVE = 59, L_WAIT4 = 61, L_FCNTL = 72,
    L_FTRUNCATE = 77, L_UNLINK = 87, L_EXIT_GROUP = 231, L_PIPE2 = 293
  };

#define O_WRONLY 01
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NONBLOCK 04000
#define F_DUPFD 0
#define SA_RESTORER 0x04000000
#define SA_NODEFER 0x40000000

#define MAX_FD 1000             /* Descriptors the tests may use. */
#define CONSOLE_FD 1023         /* Linux fd of the original console. */
#define PROBE_FD 1021           /* Pipe used to probe user memory. */
#define FORK_LIMIT 30
#define NAME_MAX_LEN 14
#define STACK_PAGE 0x4747f000UL

enum kind { CLOSED, KEYBOARD, CONSOLE, FILE };

/* What a Pintos descriptor refers to; the Linux fd has the same number. */
struct fd_info
  {
    char kind;
    int desc;                   /* Same value for dup2'd descriptors. */
    char name[NAME_MAX_LEN + 1];
  };

static struct fd_info fds[MAX_FD];
static int next_desc = 1;
static char proc_name[16];
static char exe_name[16];
static int fork_depth;

/* Issues Linux system call NR. */
static long
sys (long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
  register long r10 __asm__ ("r10") = a4;
  register long r8 __asm__ ("r8") = a5;
  register long r9 __asm__ ("r9") = a6;
  long ret;

  __asm__ volatile ("syscall"
                    : "=a" (ret)
                    : "a" (nr), "D" (a1), "S" (a2), "d" (a3), "r" (r10),
                      "r" (r8), "r" (r9)
                    : "rcx", "r11", "memory");
  return ret;
}

#define SYS1(NR, A) sys (NR, (long) (A), 0, 0, 0, 0, 0)
#define SYS2(NR, A, B) sys (NR, (long) (A), (long) (B), 0, 0, 0, 0)
#define SYS3(NR, A, B, C) sys (NR, (long) (A), (long) (B), (long) (C), 0, 0, 0)

/* Prints a line on the original console, like the kernel does. */
static void
console_line (const char *fmt, const char *s, int n)
{
  char line[128];
  int len = snprintf (line, sizeof line, fmt, s, n);

  SYS3 (L_WRITE, CONSOLE_FD, line, len);
}

void
exit (int status)
{
  console_line ("%s: exit(%d)\n", proc_name, status);
  SYS1 (L_EXIT_GROUP, status);
  for (;;)
    continue;
}

/* The kernel kills the process. */
static void __attribute__ ((noreturn))
kill_process (void)
{
  exit (-1);
}

static void
on_fault (int sig)
{
  (void) sig;
  kill_process ();
}

static void
restorer (void)
{
}

/* Is the byte at ADDR readable (and, if WRITE, writable)?  Probed by
   passing it through a non-blocking pipe, so a bad address gives
   EFAULT instead of a fault.  (Kernel addresses are not special here:
   the Linux stack lies above KERN_BASE, and 0x8004000000 itself is
   unmapped.) */
static bool
probe (uintptr_t addr, bool write)
{
  char byte;

  if (addr < 4096)
    return false;
  if (SYS3 (L_WRITE, PROBE_FD + 1, addr, 1) != 1)
    return false;
  SYS3 (L_READ, PROBE_FD, &byte, 1);
  if (!write)
    return true;
  SYS3 (L_WRITE, PROBE_FD + 1, &byte, 1);
  if (SYS3 (L_READ, PROBE_FD, addr, 1) == 1)
    return true;
  SYS3 (L_READ, PROBE_FD, &byte, 1);
  return false;
}

/* Kills the process unless [BUF, BUF + SIZE) is accessible. */
static void
check_buffer (const void *buf, unsigned size, bool write)
{
  uintptr_t p = (uintptr_t) buf, end = p + size;

  if (size == 0)
    return;
  if (end < p)
    kill_process ();
  for (; p < end; p = (p & ~(uintptr_t) 4095) + 4096)
    if (!probe (p, write))
      kill_process ();
}

/* Kills the process unless S is a readable NUL-terminated string. */
static void
check_string (const char *s)
{
  uintptr_t p = (uintptr_t) s;

  for (;; p++)
    {
      if ((p == (uintptr_t) s || p % 4096 == 0) && !probe (p, false))
        kill_process ();
      if (*(const char *) p == '\0')
        return;
    }
}

static bool
valid_fd (int fd)
{
  return fd >= 0 && fd < MAX_FD && fds[fd].kind != CLOSED;
}

static long
file_size (int fd)
{
  long pos = SYS3 (L_LSEEK, fd, 0, 1);
  long end = SYS3 (L_LSEEK, fd, 0, 2);

  SYS3 (L_LSEEK, fd, pos, 0);
  return end;
}

/* ---- Start-up: descriptors come from the environment after exec. */

static const char *
env_value (char **envp, const char *key)
{
  size_t len = strlen (key);

  for (; *envp != NULL; envp++)
    if (strncmp (*envp, key, len) == 0 && (*envp)[len] == '=')
      return *envp + len + 1;
  return NULL;
}

static int
parse_int (const char **s)
{
  int v = 0, sign = 1;

  if (**s == '-')
    {
      sign = -1;
      (*s)++;
    }
  while (**s >= '0' && **s <= '9')
    v = v * 10 + (*(*s)++ - '0');
  return v * sign;
}

/* Reads "fd:kind:desc:name," entries. */
static void
load_fds (const char *s)
{
  while (*s != '\0')
    {
      int fd = parse_int (&s);
      struct fd_info *f = &fds[fd];
      const char *end;

      s++;
      f->kind = (char) parse_int (&s);
      s++;
      f->desc = parse_int (&s);
      s++;
      end = strchr (s, ',');
      memcpy (f->name, s, end - s);
      f->name[end - s] = '\0';
      s = end + 1;
      if (f->desc >= next_desc)
        next_desc = f->desc + 1;
    }
}

void
native_start (long *sp)
{
  int argc = (int) sp[0];
  char **argv = (char **) (sp + 1);
  char **envp = argv + argc + 1;
  const char *inherited = env_value (envp, "PINTOS_FDS");
  const char *name = env_value (envp, "PINTOS_NAME");
  const char *depth = env_value (envp, "PINTOS_FORKS");
  const char *base = strrchr (argv[0], '/');
  static const int signals[] = { 4, 7, 8, 11 };
  struct { void (*handler) (int); unsigned long flags;
           void (*restorer) (void); unsigned long mask; } action
    = { on_fault, SA_RESTORER | SA_NODEFER, restorer, 0 };
  int pipe[2], fd;
  unsigned i;

  base = base != NULL ? base + 1 : argv[0];
  strlcpy (exe_name, base, sizeof exe_name);
  strlcpy (proc_name, name != NULL ? name : base, sizeof proc_name);
  fork_depth = depth != NULL ? parse_int (&depth) : 0;
  if (inherited != NULL)
    load_fds (inherited);
  else
    {
      SYS2 (L_DUP2, 1, CONSOLE_FD);
      for (fd = 2; fd < CONSOLE_FD; fd++)
        SYS1 (L_CLOSE, fd);
      fds[0].kind = KEYBOARD;
      fds[0].desc = next_desc++;
      fds[1].kind = CONSOLE;
      fds[1].desc = next_desc++;
    }
  SYS2 (L_PIPE2, pipe, O_NONBLOCK);
  SYS2 (L_DUP2, pipe[0], PROBE_FD);
  SYS2 (L_DUP2, pipe[1], PROBE_FD + 1);
  SYS1 (L_CLOSE, pipe[0]);
  SYS1 (L_CLOSE, pipe[1]);
  for (i = 0; i < sizeof signals / sizeof signals[0]; i++)
    sys (L_RT_SIGACTION, signals[i], (long) &action, 0, 8, 0, 0);
  /* MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, read-write. */
  sys (L_MMAP, STACK_PAGE, 4096, 3, 0x2 | 0x20 | 0x100000, -1, 0);
  exit (main (argc, argv));
}

/* Linux entry: pass the initial stack pointer, keep rsp 16-byte aligned. */
__asm__ (".text\n"
         ".globl _start\n"
         ".type _start, @function\n"
         "_start:\n"
         "\txor %ebp, %ebp\n"
         "\tmov %rsp, %rdi\n"
         "\tand $-16, %rsp\n"
         "\tcall native_start\n"
         "\thlt\n");

/* ---- Processes. */

void
halt (void)
{
  SYS1 (L_EXIT_GROUP, 0);
  for (;;)
    continue;
}

/* Gives each open file of a fork child its own Linux open file, at the
   same position, keeping dup2 groups together. */
static void
copy_files (void)
{
  char path[32];
  int fd, other;

  for (fd = 0; fd < MAX_FD; fd++)
    {
      int desc = fds[fd].desc, copy;
      long pos;
      bool first = true;

      if (fds[fd].kind != FILE)
        continue;
      for (other = 0; other < fd; other++)
        if (fds[other].kind == FILE && fds[other].desc == desc)
          first = false;
      if (!first)
        continue;
      pos = SYS3 (L_LSEEK, fd, 0, 1);
      snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
      copy = (int) SYS2 (L_OPEN, path, 0);
      SYS3 (L_LSEEK, copy, pos, 0);
      for (other = fd; other < MAX_FD; other++)
        if (fds[other].kind == FILE && fds[other].desc == desc)
          SYS2 (L_DUP2, copy, other);
      SYS1 (L_CLOSE, copy);
    }
}

pid_t
fork (const char *name)
{
  long pid;

  check_string (name);
  if (fork_depth >= FORK_LIMIT)
    return -1;
  pid = SYS1 (L_FORK, 0);
  if (pid < 0)
    return -1;
  if (pid == 0)
    {
      strlcpy (proc_name, name, sizeof proc_name);
      fork_depth++;
      copy_files ();
    }
  return (pid_t) pid;
}

int
exec (const char *cmd_line)
{
  static char line[256], path[64], env_name[32], env_forks[32];
  static char env_fds[8192];
  char *args[64], *envs[4], *save, *word;
  int argc = 0, fd;
  size_t used = 0;

  check_string (cmd_line);
  strlcpy (line, cmd_line, sizeof line);
  for (word = strtok_r (line, " ", &save); word != NULL && argc < 63;
       word = strtok_r (NULL, " ", &save))
    args[argc++] = word;
  args[argc] = NULL;
  if (argc == 0)
    exit (-1);
  snprintf (path, sizeof path, "./%s", args[0]);
  fd = (int) SYS2 (L_OPEN, path, 0);
  if (fd < 0)
    {
      console_line ("load: %s: open failed\n", args[0], 0);
      exit (-1);
    }
  SYS1 (L_CLOSE, fd);

  snprintf (env_name, sizeof env_name, "PINTOS_NAME=%s", proc_name);
  snprintf (env_forks, sizeof env_forks, "PINTOS_FORKS=%d", fork_depth);
  used = strlcpy (env_fds, "PINTOS_FDS=", sizeof env_fds);
  for (fd = 0; fd < MAX_FD; fd++)
    if (fds[fd].kind != CLOSED)
      used += snprintf (env_fds + used, sizeof env_fds - used, "%d:%d:%d:%s,",
                        fd, fds[fd].kind, fds[fd].desc, fds[fd].name);
  envs[0] = env_name;
  envs[1] = env_forks;
  envs[2] = env_fds;
  envs[3] = NULL;
  SYS3 (L_EXECVE, path, args, envs);
  console_line ("load: %s: error loading executable\n", args[0], 0);
  exit (-1);
}

int
wait (pid_t pid)
{
  int status = 0;

  if (pid <= 0 || sys (L_WAIT4, pid, (long) &status, 0, 0, 0, 0) < 0)
    return -1;
  if ((status & 0x7f) != 0)
    return -1;
  return (signed char) ((status >> 8) & 0xff);
}

/* ---- Files. */

bool
create (const char *file, unsigned initial_size)
{
  size_t len;
  long fd;

  check_string (file);
  len = strlen (file);
  if (len == 0 || len > NAME_MAX_LEN)
    return false;
  fd = SYS3 (L_OPEN, file, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0)
    return false;
  SYS2 (L_FTRUNCATE, fd, initial_size);
  SYS1 (L_CLOSE, fd);
  return true;
}

bool
remove (const char *file)
{
  check_string (file);
  return SYS1 (L_UNLINK, file) == 0;
}

int
open (const char *file)
{
  size_t len;
  long fd;

  check_string (file);
  len = strlen (file);
  if (len == 0 || len > NAME_MAX_LEN)
    return -1;
  fd = SYS2 (L_OPEN, file, 0);
  if (fd < 0)
    return -1;
  if (fd < 2)
    {
      long high = SYS3 (L_FCNTL, fd, F_DUPFD, 2);
      SYS1 (L_CLOSE, fd);
      fd = high;
    }
  if (fd >= MAX_FD)
    {
      SYS1 (L_CLOSE, fd);
      return -1;
    }
  fds[fd].kind = FILE;
  fds[fd].desc = next_desc++;
  strlcpy (fds[fd].name, file, sizeof fds[fd].name);
  return (int) fd;
}

int
filesize (int fd)
{
  return valid_fd (fd) && fds[fd].kind == FILE ? (int) file_size (fd) : -1;
}

int
read (int fd, void *buffer, unsigned size)
{
  unsigned done = 0;

  if (!valid_fd (fd) || fds[fd].kind == CONSOLE)
    return -1;
  check_buffer (buffer, size, true);
  if (fds[fd].kind == FILE)
    return (int) SYS3 (L_READ, fd, buffer, size);
  while (done < size)
    {
      long n = SYS3 (L_READ, fd, (char *) buffer + done, size - done);
      if (n <= 0)
        break;
      done += n;
    }
  return (int) done;
}

int
write (int fd, const void *buffer, unsigned size)
{
  char path[32];
  long pos, end, out, n;

  if (!valid_fd (fd) || fds[fd].kind == KEYBOARD)
    return -1;
  check_buffer (buffer, size, false);
  if (fds[fd].kind == CONSOLE)
    return (int) SYS3 (L_WRITE, fd, buffer, size);
  if (strcmp (fds[fd].name, exe_name) == 0)
    return 0;
  pos = SYS3 (L_LSEEK, fd, 0, 1);
  end = file_size (fd);
  if (pos >= end)
    return 0;
  if (size > end - pos)
    size = end - pos;
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  out = SYS2 (L_OPEN, path, O_WRONLY);
  if (out < 0)
    return 0;                   /* ETXTBSY: another process runs it. */
  n = sys (L_PWRITE, out, (long) buffer, size, pos, 0, 0);
  SYS1 (L_CLOSE, out);
  if (n < 0)
    kill_process ();
  SYS3 (L_LSEEK, fd, pos + n, 0);
  return (int) n;
}

void
seek (int fd, unsigned position)
{
  if (valid_fd (fd) && fds[fd].kind == FILE)
    SYS3 (L_LSEEK, fd, position, 0);
}

unsigned
tell (int fd)
{
  if (valid_fd (fd) && fds[fd].kind == FILE)
    return (unsigned) SYS3 (L_LSEEK, fd, 0, 1);
  return (unsigned) -1;
}

void
close (int fd)
{
  if (!valid_fd (fd))
    return;
  SYS1 (L_CLOSE, fd);
  fds[fd].kind = CLOSED;
}

int
dup2 (int oldfd, int newfd)
{
  if (!valid_fd (oldfd) || newfd < 0 || newfd >= MAX_FD)
    return -1;
  if (oldfd == newfd)
    return newfd;
  SYS2 (L_DUP2, oldfd, newfd);
  fds[newfd] = fds[oldfd];
  return newfd;
}

/* ---- Memory-mapped files (read-only mappings only: files are open
   read-only here). */

static struct { uintptr_t addr; size_t length; } maps[16];

void *
mmap (void *addr, size_t length, int writable, int fd, off_t offset)
{
  long r;
  unsigned i;

  if (addr == NULL || length == 0 || !valid_fd (fd) || fds[fd].kind != FILE)
    return NULL;
  r = sys (L_MMAP, (long) addr, length, writable ? 3 : 1, 0x1 | 0x100000, fd,
           offset);
  if (r < 0 && r > -4096)
    return NULL;
  for (i = 0; i < sizeof maps / sizeof maps[0]; i++)
    if (maps[i].length == 0)
      {
        maps[i].addr = (uintptr_t) r;
        maps[i].length = length;
        break;
      }
  return (void *) r;
}

void
munmap (void *addr)
{
  unsigned i;

  for (i = 0; i < sizeof maps / sizeof maps[0]; i++)
    if (maps[i].length != 0 && maps[i].addr == (uintptr_t) addr)
      {
        SYS2 (L_MUNMAP, addr, maps[i].length);
        maps[i].length = 0;
      }
}

/* ---- Calls that fail cleanly (after checking their pointers). */

bool chdir (const char *dir) { check_string (dir); return false; }
bool mkdir (const char *dir) { check_string (dir); return false; }
bool readdir (int fd, char name[READDIR_MAX_LEN + 1])
{ (void) fd; check_buffer (name, READDIR_MAX_LEN + 1, true); return false; }
bool isdir (int fd) { (void) fd; return false; }
int inumber (int fd) { (void) fd; return -1; }
int symlink (const char *target, const char *linkpath)
{ check_string (target); check_string (linkpath); return -1; }
int mount (const char *path, int chan_no, int dev_no)
{ check_string (path); (void) chan_no; (void) dev_no; return -1; }
int umount (const char *path) { check_string (path); return -1; }
void *get_frame (void *uaddr) { (void) uaddr; return NULL; }
