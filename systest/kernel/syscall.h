/* System calls through the syscall instruction (Pintos-KAIST numbers). */
#ifndef SYSTEST_SYSCALL_H
#define SYSTEST_SYSCALL_H

#define SYS_HALT 0
#define SYS_EXIT 1
#define SYS_WRITE 10
#define SYS_SYSTEST_EVICT 100       /* test hook: swap a page out */

void syscall_init (void);

#endif
