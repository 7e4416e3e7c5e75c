/* The kernel command line the disk builder stored in the boot sector. */
#ifndef SYSTEST_CMDLINE_H
#define SYSTEST_CMDLINE_H

char **cmdline_read (int *argc);
void cmdline_run_actions (char **argv);

#endif
