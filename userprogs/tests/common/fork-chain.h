/* fork-chain.h: a chain of processes, each forking the next, until
   fork keeps failing for lack of memory (shared by fork-bomb and
   vm/mmap-fork-oom). */
#ifndef USERPROGS_TESTS_FORK_CHAIN_H
#define USERPROGS_TESTS_FORK_CHAIN_H

/* Runs as the member of the chain at DEPTH: forks the next member,
   named NAME (the child goes round the loop one level deeper), or,
   when fork fails TRIES times in a row, exits with DEPTH.  A parent
   exits with its child's status, so the chain's start receives the
   depth reached.  Never returns. */
void fork_chain (const char *name, int depth, int tries) __attribute__ ((noreturn));

#endif /* fork-chain.h */
