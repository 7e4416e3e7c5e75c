/* sort-files.h: the chunk files of sort-par, shared with its sorter
   program sort-par-child. */
#ifndef USERPROGS_TESTS_VM_SORT_FILES_H
#define USERPROGS_TESTS_VM_SORT_FILES_H

#define CHUNKS 8
#define CHUNK_WORDS (16 * 1024)         /* 64 KiB of 32-bit words. */
#define CHUNK_BYTES (CHUNK_WORDS * 4)

#endif /* sort-files.h */
