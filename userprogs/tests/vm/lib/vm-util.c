/* vm-util.c: functions shared by the virtual-memory tests. */
#include "vm-util.h"
#include <test.h>

unsigned long
pattern_word (unsigned seed, unsigned long index)
{
  unsigned long x = (index + 1) * 0x9e3779b97f4a7c15UL
                    ^ (unsigned long) seed * 0xc2b2ae3d27d4eb4fUL;

  x ^= x >> 31;
  x *= 0xbf58476d1ce4e5b9UL;
  return x ^ (x >> 29);
}

unsigned char
pattern_byte (unsigned seed, unsigned long pos)
{
  return (unsigned char) (pattern_word (seed, pos / 8) >> (pos % 8 * 8));
}

void
pattern_fill (void *buf, size_t len, unsigned seed, unsigned long pos)
{
  unsigned char *p = buf;
  size_t i = 0;

  /* Byte by byte up to a position that is a multiple of 8 and an
     8-byte aligned address, then whole words, then the last bytes. */
  while (i < len && ((pos + i) % 8 != 0 || (unsigned long) (p + i) % 8 != 0))
    {
      p[i] = pattern_byte (seed, pos + i);
      i++;
    }
  for (; i + 8 <= len; i += 8)
    *(unsigned long *) (p + i) = pattern_word (seed, (pos + i) / 8);
  for (; i < len; i++)
    p[i] = pattern_byte (seed, pos + i);
}

long
pattern_mismatch (const void *buf, size_t len, unsigned seed,
                  unsigned long pos)
{
  const unsigned char *p = buf;
  size_t i = 0, j;

  while (i < len && ((pos + i) % 8 != 0 || (unsigned long) (p + i) % 8 != 0))
    {
      if (p[i] != pattern_byte (seed, pos + i))
        return (long) i;
      i++;
    }
  for (; i + 8 <= len; i += 8)
    if (*(const unsigned long *) (p + i) != pattern_word (seed, (pos + i) / 8))
      break;
  for (j = i; j < len; j++)
    if (p[j] != pattern_byte (seed, pos + j))
      return (long) j;
  return -1;
}

/* Chunk size for writing and reading pattern files. */
#define CHUNK 4096

void
make_pattern_file (const char *name, unsigned long size, unsigned seed)
{
  static unsigned char chunk[CHUNK];
  unsigned long pos;
  int fd;

  if (!create (name, size))
    fail ("create \"%s\" (%lu bytes) failed", name, size);
  fd = open_or_fail (name);
  for (pos = 0; pos < size; pos += CHUNK)
    {
      unsigned len = size - pos < CHUNK ? size - pos : CHUNK;

      pattern_fill (chunk, len, seed, pos);
      if (write (fd, chunk, len) != (int) len)
        fail ("write to \"%s\" at %lu was short", name, pos);
    }
  close (fd);
}

void
check_pattern_file (const char *name, unsigned long size, unsigned seed)
{
  static unsigned char chunk[CHUNK];
  unsigned long pos;
  int fd = open_or_fail (name);

  if ((unsigned long) filesize (fd) != size)
    fail ("\"%s\" is %d bytes, not %lu", name, filesize (fd), size);
  for (pos = 0; pos < size; pos += CHUNK)
    {
      unsigned len = size - pos < CHUNK ? size - pos : CHUNK;
      long bad;

      if (read (fd, chunk, len) != (int) len)
        fail ("read of \"%s\" at %lu was short", name, pos);
      bad = pattern_mismatch (chunk, len, seed, pos);
      if (bad >= 0)
        fail ("\"%s\" byte %lu is %d, not %d", name, pos + bad,
              chunk[bad], pattern_byte (seed, pos + bad));
    }
  close (fd);
}

bool
resident (const void *addr)
{
  return get_frame ((void *) addr) != NULL;
}

unsigned long
read_rsp (void)
{
  unsigned long rsp;

  __asm__ volatile ("mov %%rsp, %0" : "=r" (rsp));
  return rsp;
}

pid_t
spawn (const char *name, int (*body) (int), int arg)
{
  pid_t pid = fork (name);

  if (pid == 0)
    exit (body (arg));
  if (pid < 0)
    fail ("fork of \"%s\" failed", name);
  return pid;
}
