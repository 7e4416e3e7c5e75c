/* Running a user program from the file-system disk. */
#ifndef SYSTEST_PROCESS_H
#define SYSTEST_PROCESS_H

int process_run (const char *cmdline);
void process_exit (int status) __attribute__ ((noreturn));

#endif
