/* syscall.h: wrappers for the Pintos-KAIST system calls (numbers 0-24)
   and for the "int $0x42" frame query used by VM tests. */
#ifndef USERPROGS_SYSCALL_H
#define USERPROGS_SYSCALL_H

#include <stdbool.h>
#include <stddef.h>

typedef int pid_t;
typedef int off_t;

#define PID_ERROR ((pid_t) -1)
#define MAP_FAILED ((void *) NULL)
#define READDIR_MAX_LEN 14

/* System call numbers. */
enum
  {
    SYS_HALT, SYS_EXIT, SYS_FORK, SYS_EXEC, SYS_WAIT,
    SYS_CREATE, SYS_REMOVE, SYS_OPEN, SYS_FILESIZE, SYS_READ,
    SYS_WRITE, SYS_SEEK, SYS_TELL, SYS_CLOSE, SYS_MMAP,
    SYS_MUNMAP, SYS_CHDIR, SYS_MKDIR, SYS_READDIR, SYS_ISDIR,
    SYS_INUMBER, SYS_SYMLINK, SYS_DUP2, SYS_MOUNT, SYS_UMOUNT
  };

/* Project 2: processes and files. */
void halt (void) __attribute__ ((noreturn));
void exit (int status) __attribute__ ((noreturn));
/* gcc knows a builtin fork(void); ours takes the child's name. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wbuiltin-declaration-mismatch"
pid_t fork (const char *name);
#pragma GCC diagnostic pop
int exec (const char *cmd_line);
int wait (pid_t pid);
bool create (const char *file, unsigned initial_size);
bool remove (const char *file);
int open (const char *file);
int filesize (int fd);
int read (int fd, void *buffer, unsigned size);
int write (int fd, const void *buffer, unsigned size);
void seek (int fd, unsigned position);
unsigned tell (int fd);
void close (int fd);
int dup2 (int oldfd, int newfd);

/* Project 3: memory-mapped files. */
void *mmap (void *addr, size_t length, int writable, int fd, off_t offset);
void munmap (void *addr);

/* Project 4: directories and mounts (our kernel fails them cleanly). */
bool chdir (const char *dir);
bool mkdir (const char *dir);
bool readdir (int fd, char name[READDIR_MAX_LEN + 1]);
bool isdir (int fd);
int inumber (int fd);
int symlink (const char *target, const char *linkpath);
int mount (const char *path, int chan_no, int dev_no);
int umount (const char *path);

/* Kernel virtual address of the frame backing UADDR's page, or NULL
   when that page is not present (int $0x42). */
void *get_frame (void *uaddr);

#endif /* syscall.h */
