/* files.h: file helpers shared by the system-call tests (tests/) and
   the virtual-memory tests (tests/vm/). */
#ifndef USERPROGS_TESTS_FILES_H
#define USERPROGS_TESTS_FILES_H

/* Creates file NAME holding the LEN bytes at DATA; fails the test if
   any step does not work. */
void make_file (const char *name, const void *data, unsigned len);

/* Opens NAME; fails the test if it cannot. */
int open_or_fail (const char *name);

#endif /* files.h */
