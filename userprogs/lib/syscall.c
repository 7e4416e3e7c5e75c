/* syscall.c: system call wrappers.  Number in rax, arguments in
   rdi, rsi, rdx, r10, r8; the result comes back in rax. */
#include <syscall.h>

/* Issues system call NR with up to five arguments; returns rax. */
static long
do_syscall (long nr, long a1, long a2, long a3, long a4, long a5)
{
  register long r10 __asm__ ("r10") = a4;
  register long r8 __asm__ ("r8") = a5;
  long ret;

  __asm__ volatile ("syscall"
                    : "=a" (ret)
                    : "a" (nr), "D" (a1), "S" (a2), "d" (a3),
                      "r" (r10), "r" (r8)
                    : "rcx", "r11", "memory");
  return ret;
}

#define SC0(NR) do_syscall (NR, 0, 0, 0, 0, 0)
#define SC1(NR, A) do_syscall (NR, (long) (A), 0, 0, 0, 0)
#define SC2(NR, A, B) do_syscall (NR, (long) (A), (long) (B), 0, 0, 0)
#define SC3(NR, A, B, C) \
  do_syscall (NR, (long) (A), (long) (B), (long) (C), 0, 0)
#define SC5(NR, A, B, C, D, E) \
  do_syscall (NR, (long) (A), (long) (B), (long) (C), (long) (D), (long) (E))

/* Powers the machine off. */
void
halt (void)
{
  SC0 (SYS_HALT);
  for (;;)
    continue;
}

/* Terminates this process with STATUS. */
void
exit (int status)
{
  SC1 (SYS_EXIT, status);
  for (;;)
    continue;
}

/* Clones this process into a child called NAME; 0 in the child. */
pid_t
fork (const char *name)
{
  return (pid_t) SC1 (SYS_FORK, name);
}

/* Replaces this process's program; returns -1 only on failure. */
int
exec (const char *cmd_line)
{
  return (int) SC1 (SYS_EXEC, cmd_line);
}

/* Waits for child PID and returns its exit status (or -1). */
int
wait (pid_t pid)
{
  return (int) SC1 (SYS_WAIT, pid);
}

/* Creates FILE with INITIAL_SIZE bytes. */
bool
create (const char *file, unsigned initial_size)
{
  return SC2 (SYS_CREATE, file, initial_size) != 0;
}

/* Removes FILE's name from the file system. */
bool
remove (const char *file)
{
  return SC1 (SYS_REMOVE, file) != 0;
}

/* Opens FILE; returns a descriptor or -1. */
int
open (const char *file)
{
  return (int) SC1 (SYS_OPEN, file);
}

/* Returns the size of open file FD in bytes. */
int
filesize (int fd)
{
  return (int) SC1 (SYS_FILESIZE, fd);
}

/* Reads up to SIZE bytes from FD into BUFFER; returns bytes read or -1. */
int
read (int fd, void *buffer, unsigned size)
{
  return (int) SC3 (SYS_READ, fd, buffer, size);
}

/* Writes SIZE bytes of BUFFER to FD; returns bytes written or -1. */
int
write (int fd, const void *buffer, unsigned size)
{
  return (int) SC3 (SYS_WRITE, fd, buffer, size);
}

/* Moves FD's file position to POSITION. */
void
seek (int fd, unsigned position)
{
  SC2 (SYS_SEEK, fd, position);
}

/* Returns FD's file position. */
unsigned
tell (int fd)
{
  return (unsigned) SC1 (SYS_TELL, fd);
}

/* Closes FD. */
void
close (int fd)
{
  SC1 (SYS_CLOSE, fd);
}

/* Maps LENGTH bytes of FD from OFFSET at ADDR; NULL on failure. */
void *
mmap (void *addr, size_t length, int writable, int fd, off_t offset)
{
  return (void *) SC5 (SYS_MMAP, addr, length, writable, fd, offset);
}

/* Removes the mapping that starts at ADDR. */
void
munmap (void *addr)
{
  SC1 (SYS_MUNMAP, addr);
}

/* Changes the working directory to DIR. */
bool
chdir (const char *dir)
{
  return SC1 (SYS_CHDIR, dir) != 0;
}

/* Creates directory DIR. */
bool
mkdir (const char *dir)
{
  return SC1 (SYS_MKDIR, dir) != 0;
}

/* Reads the next entry of directory FD into NAME. */
bool
readdir (int fd, char name[READDIR_MAX_LEN + 1])
{
  return SC2 (SYS_READDIR, fd, name) != 0;
}

/* Tells whether FD is a directory. */
bool
isdir (int fd)
{
  return SC1 (SYS_ISDIR, fd) != 0;
}

/* Returns the inode number of FD. */
int
inumber (int fd)
{
  return (int) SC1 (SYS_INUMBER, fd);
}

/* Creates LINKPATH as a symbolic link to TARGET. */
int
symlink (const char *target, const char *linkpath)
{
  return (int) SC2 (SYS_SYMLINK, target, linkpath);
}

/* Makes NEWFD a copy of OLDFD; returns NEWFD or -1. */
int
dup2 (int oldfd, int newfd)
{
  return (int) SC2 (SYS_DUP2, oldfd, newfd);
}

/* Mounts disk DEV_NO on channel CHAN_NO at PATH. */
int
mount (const char *path, int chan_no, int dev_no)
{
  return (int) SC3 (SYS_MOUNT, path, chan_no, dev_no);
}

/* Unmounts the file system mounted at PATH. */
int
umount (const char *path)
{
  return (int) SC1 (SYS_UMOUNT, path);
}

/* Asks the kernel (int $0x42) which frame backs UADDR's page. */
void *
get_frame (void *uaddr)
{
  void *frame;

  __asm__ volatile ("int $0x42" : "=a" (frame) : "a" (uaddr) : "memory");
  return frame;
}
