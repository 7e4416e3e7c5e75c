/* mmap-rw: maps a 12,500-byte file at 0x10000000, checks its content and
   the zero tail past end of file, writes through the mapping, unmaps it
   and reads the file back.  Also checks that bad mmap calls fail. */
#include <string.h>
#include <syscall.h>
#include <test.h>

const char *test_name = "mmap-rw";

#define PAGE_SIZE 4096
#define FILE_SIZE 12500                 /* Three pages and a bit. */
#define MAP_PAGES ((FILE_SIZE + PAGE_SIZE - 1) / PAGE_SIZE)
#define MAP_ADDR ((char *) 0x10000000)
#define MAP2_ADDR ((char *) 0x10100000)
#define KERN_BASE 0x8004000000UL

static char content[FILE_SIZE];         /* What the file should hold. */
static char readback[FILE_SIZE];        /* What read() returned. */

/* Fills CONTENT with lines of text. */
static void
make_content (void)
{
  int i;

  for (i = 0; i < FILE_SIZE; i++)
    content[i] = i % 64 == 63 ? '\n' : (char) ('A' + (i / 64 + i) % 26);
}

/* Checks the calls to mmap that must fail (return NULL) for open file FD. */
static void
check_bad_mmaps (int fd, int empty_fd)
{
  CHECK (mmap (NULL, FILE_SIZE, 1, fd, 0) == NULL, "mmap at address 0 fails");
  CHECK (mmap (MAP_ADDR + 0x123, FILE_SIZE, 1, fd, 0) == NULL,
         "mmap at an unaligned address fails");
  CHECK (mmap (MAP_ADDR, 0, 1, fd, 0) == NULL, "mmap of length 0 fails");
  CHECK (mmap (MAP_ADDR, FILE_SIZE, 1, fd, 100) == NULL,
         "mmap at an unaligned offset fails");
  CHECK (mmap (MAP_ADDR, FILE_SIZE, 1, 0, 0) == NULL, "mmap of fd 0 fails");
  CHECK (mmap (MAP_ADDR, FILE_SIZE, 1, 1, 0) == NULL, "mmap of fd 1 fails");
  CHECK (mmap (MAP_ADDR, FILE_SIZE, 1, 77, 0) == NULL,
         "mmap of a closed fd fails");
  CHECK (mmap ((void *) 0x400000, PAGE_SIZE, 0, fd, 0) == NULL,
         "mmap over the code fails");
  CHECK (mmap ((void *) (KERN_BASE - PAGE_SIZE), 2 * PAGE_SIZE, 0, fd, 0)
         == NULL, "mmap reaching into kernel space fails");
  CHECK (mmap (MAP_ADDR, PAGE_SIZE, 1, empty_fd, 0) == NULL,
         "mmap of an empty file fails");
}

int
main (void)
{
  char *map, *map2;
  int fd, fd2, empty_fd, i;

  make_content (); /* #BP:main_entry */
  CHECK (create ("data.txt", FILE_SIZE), "create \"data.txt\"");
  CHECK (create ("empty.txt", 0), "create \"empty.txt\"");
  fd = open ("data.txt");
  CHECK (fd > 1, "open \"data.txt\"");
  CHECK (write (fd, content, FILE_SIZE) == FILE_SIZE,
         "write %d bytes", FILE_SIZE);
  empty_fd = open ("empty.txt");
  CHECK (empty_fd > 1, "open \"empty.txt\"");

  check_bad_mmaps (fd, empty_fd);

  map = mmap (MAP_ADDR, FILE_SIZE, 1, fd, 0); /* #BP:mmap */
  CHECK (map == MAP_ADDR, "mmap \"data.txt\" at %p", MAP_ADDR);
  close (fd);
  msg ("closed the file; the mapping stays");

  CHECK (memcmp (map, content, FILE_SIZE) == 0, /* #BP:first_read */
         "mapping holds the file content");
  for (i = FILE_SIZE; i < MAP_PAGES * PAGE_SIZE; i++)
    if (map[i] != 0)
      fail ("byte %d past end of file is %d", i, map[i]);
  msg ("the %d bytes past end of file read as zeros",
       MAP_PAGES * PAGE_SIZE - FILE_SIZE);

  fd2 = open ("data.txt");
  CHECK (fd2 > 1, "reopen \"data.txt\"");
  CHECK (mmap (MAP_ADDR + PAGE_SIZE, PAGE_SIZE, 1, fd2, 0) == NULL,
         "mmap over the existing mapping fails");

  for (i = 0; i < MAP_PAGES; i++)
    {
      char note[32];
      int len = snprintf (note, sizeof note, "<page %d written>", i);
      memcpy (map + i * PAGE_SIZE + 10, note, len); /* #BP:write_map */
      memcpy (content + i * PAGE_SIZE + 10, note, len);
    }
  map[FILE_SIZE - 1] = '#';
  content[FILE_SIZE - 1] = '#';
  msg ("wrote into every page of the mapping");

  munmap (map); /* #BP:munmap */
  CHECK (get_frame (MAP_ADDR) == NULL, "unmapped page has no frame");

  CHECK (read (fd2, readback, FILE_SIZE) == FILE_SIZE, "read the file back");
  CHECK (memcmp (readback, content, FILE_SIZE) == 0,
         "the writes reached the file");

  map2 = mmap (MAP2_ADDR, FILE_SIZE - PAGE_SIZE, 0, fd2, PAGE_SIZE);
  CHECK (map2 == MAP2_ADDR, "read-only mmap at offset %d", PAGE_SIZE);
  CHECK (memcmp (map2, content + PAGE_SIZE, FILE_SIZE - PAGE_SIZE) == 0,
         "it shows the file from that offset");
  munmap (map2);
  close (fd2);
  close (empty_fd);
  return 0;
}
