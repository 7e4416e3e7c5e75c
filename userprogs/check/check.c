/* check.c: host-side self-test of the user library's printf, string and
   stdlib code.  The library objects are linked with every symbol renamed
   to my_* (objcopy --prefix-symbols), so they can be compared with the
   host C library in one program.  Run with "make check". */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The user library under test. */
int my_printf (const char *fmt, ...);
int my_snprintf (char *buf, size_t size, const char *fmt, ...);
int my_puts (const char *s);
int my_putchar (int c);
void *my_memcpy (void *dst, const void *src, size_t n);
void *my_memmove (void *dst, const void *src, size_t n);
void *my_memset (void *dst, int c, size_t n);
int my_memcmp (const void *a, const void *b, size_t n);
void *my_memchr (const void *s, int c, size_t n);
size_t my_strlen (const char *s);
size_t my_strnlen (const char *s, size_t max);
int my_strcmp (const char *a, const char *b);
int my_strncmp (const char *a, const char *b, size_t n);
char *my_strcpy (char *dst, const char *src);
size_t my_strlcpy (char *dst, const char *src, size_t size);
size_t my_strlcat (char *dst, const char *src, size_t size);
char *my_strchr (const char *s, int c);
char *my_strrchr (const char *s, int c);
char *my_strstr (const char *haystack, const char *needle);
char *my_strtok_r (char *s, const char *delims, char **save);
int my_atoi (const char *s);
void my_random_init (unsigned seed);
unsigned long my_random_ulong (void);
void my_qsort (void *base, size_t count, size_t size,
               int (*compare) (const void *, const void *));

static int failures, checks;

/* Records one check; reports it if it failed. */
static void
expect (int ok, const char *what, const char *got, const char *want)
{
  checks++;
  if (!ok)
    {
      failures++;
      printf ("FAIL %s: got \"%s\", want \"%s\"\n", what, got, want);
    }
}

/* ---- Console capture: the library's write() lands here. */
static char written[8][512];
static int writes;

int
my_write (int fd, const void *buf, unsigned size)
{
  if (fd == 1 && writes < 8 && size < sizeof written[0])
    {
      memcpy (written[writes], buf, size);
      written[writes][size] = '\0';
    }
  writes++;
  return (int) size;
}

/* Formats with both printf implementations and compares text and count. */
#define SAME(...)                                                       \
  do                                                                    \
    {                                                                   \
      char want[256], got[256];                                         \
      int wn = snprintf (want, sizeof want, __VA_ARGS__);               \
      int gn = my_snprintf (got, sizeof got, __VA_ARGS__);              \
      expect (wn == gn && strcmp (want, got) == 0, #__VA_ARGS__, got, want); \
    }                                                                   \
  while (0)

/* Compares with a fixed expected text. */
#define GIVES(WANT, ...)                                                \
  do                                                                    \
    {                                                                   \
      char got[256];                                                    \
      int gn = my_snprintf (got, sizeof got, __VA_ARGS__);              \
      expect (gn == (int) strlen (WANT) && strcmp (got, WANT) == 0,     \
              #__VA_ARGS__, got, WANT);                                 \
    }                                                                   \
  while (0)

static void
check_formats (void)
{
  int x = 42;

  SAME ("plain text");
  SAME ("%d %d %d", 0, -1, 12345);
  SAME ("%d %d", INT_MAX, INT_MIN);
  SAME ("%i|%5d|%-5d|%05d|%+d|% d|%+d", 7, 42, 42, 42, 42, 42, -42);
  SAME ("%.3d|%8.3d|%-8.3d|%.0d|%5.0d|", 5, -5, 5, 0, 0);
  GIVES ("     005", "%08.3d", 5);
  SAME ("%u %u %u", 0u, 123u, UINT_MAX);
  SAME ("%x %X %x %#x %#X %#x", 255u, 255u, 0u, 255u, 255u, 0u);
  SAME ("%08x|%-8x|%#010x|%.6x", 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu);
  SAME ("%o %#o %#o %5o", 8u, 8u, 0u, 64u);
  SAME ("%ld %lu %lx", LONG_MIN, ULONG_MAX, 0xdeadbeefcafeUL);
  SAME ("%lld %llu %llx", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
  SAME ("%zu %zd %zx", (size_t) 99, (ssize_t) -99, (size_t) 0xabc);
  SAME ("%hd %hu %hhd %hhu %hx", (short) -3, (unsigned short) 65535,
        (signed char) -7, (unsigned char) 250, (unsigned short) 0xfffe);
  SAME ("%hd %hhu", 70000, 300);
  SAME ("%td %jd %ju", (ptrdiff_t) -5, (intmax_t) -6, (uintmax_t) 6);
  SAME ("%*d|%-*d|%*d|%.*d|%.*d", 6, 1, 6, 1, -6, 1, 4, 9, -1, 9);
  SAME ("%s|%10s|%-10s|%.2s|%10.2s|%-6.3s|", "hello", "hi", "hi", "hello",
        "hello", "abcdef");
  SAME ("%.*s|%*s", 3, "abcdef", 4, "x");
  SAME ("%c%c%c|%3c|%-3c|", 'a', 'b', 'c', 'x', 'y');
  SAME ("100%% %%d|");
  SAME ("%p %20p %-20p|", (void *) &x, (void *) 0x1234, (void *) 0x1234);
  SAME ("%s and %d and %x", "mixed", -77, 0x77u);
  GIVES ("(null)", "%s", (char *) NULL);
  GIVES ("0x0", "%p", (void *) NULL);
  GIVES ("0x8004000000", "%p", (void *) 0x8004000000UL);
  GIVES ("%q", "%q");
  GIVES ("abc", "abc%");

  /* Truncation keeps a NUL and reports the full length. */
  {
    char small[6];
    int n = my_snprintf (small, sizeof small, "%d-%s", 12345, "xyz");
    expect (n == 9 && strcmp (small, "12345") == 0, "truncate", small, "12345");
    n = my_snprintf (NULL, 0, "%s", "abc");
    expect (n == 3, "size 0", "", "");
  }
}

static void
check_console (void)
{
  char line[600];

  writes = 0;
  my_printf ("one line\n");
  expect (writes == 1 && strcmp (written[0], "one line\n") == 0,
          "printf one line", written[0], "one line\n");

  writes = 0;
  my_printf ("a %d\nb %s\nc", 1, "two");
  expect (writes == 3, "printf three writes", "", "");
  expect (strcmp (written[0], "a 1\n") == 0, "line 1", written[0], "a 1\n");
  expect (strcmp (written[1], "b two\n") == 0, "line 2", written[1], "b two\n");
  expect (strcmp (written[2], "c") == 0, "tail", written[2], "c");

  writes = 0;
  my_printf ("%s", "");
  expect (writes == 0, "empty printf writes nothing", "", "");

  writes = 0;
  memset (line, 'z', 400);
  line[400] = '\0';
  my_printf ("%s\n", line);
  expect (writes == 2, "long line split in two writes", "", "");

  writes = 0;
  my_puts ("put");
  expect (writes == 1 && strcmp (written[0], "put\n") == 0, "puts",
          written[0], "put\n");
  writes = 0;
  my_putchar ('!');
  expect (writes == 1 && strcmp (written[0], "!") == 0, "putchar",
          written[0], "!");
}

/* Sign of X: -1, 0 or 1. */
static int
sign (int x)
{
  return (x > 0) - (x < 0);
}

static void
check_strings (void)
{
  static const char *words[] = { "", "a", "ab", "abc", "abd", "b", "\xff",
                                 "hello world", "hello" };
  char a[64], b[64], *save, *tok;
  size_t i, j;

  for (i = 0; i < sizeof words / sizeof *words; i++)
    {
      expect (my_strlen (words[i]) == strlen (words[i]), "strlen", words[i], "");
      for (j = 0; j < sizeof words / sizeof *words; j++)
        {
          expect (sign (my_strcmp (words[i], words[j]))
                  == sign (strcmp (words[i], words[j])), "strcmp", words[i],
                  words[j]);
          expect (sign (my_strncmp (words[i], words[j], 2))
                  == sign (strncmp (words[i], words[j], 2)), "strncmp",
                  words[i], words[j]);
          expect (my_strstr (words[i], words[j]) == strstr (words[i], words[j]),
                  "strstr", words[i], words[j]);
        }
      expect (my_strchr (words[i], 'b') == strchr (words[i], 'b'), "strchr",
              words[i], "");
      expect (my_strchr (words[i], 0) == strchr (words[i], 0), "strchr nul",
              words[i], "");
      expect (my_strrchr (words[i], 'l') == strrchr (words[i], 'l'), "strrchr",
              words[i], "");
    }

  for (i = 0; i < 64; i++)
    a[i] = (char) i;
  my_memmove (a + 3, a, 20);
  memcpy (b, a, 64);
  for (i = 0; i < 64; i++)
    a[i] = (char) i;
  memmove (a + 3, a, 20);
  expect (memcmp (a, b, 64) == 0, "memmove up", "", "");
  my_memmove (b, b + 5, 30);
  memmove (a, a + 5, 30);
  expect (memcmp (a, b, 64) == 0, "memmove down", "", "");
  my_memset (b, 0x5a, 10);
  memset (a, 0x5a, 10);
  expect (memcmp (a, b, 64) == 0, "memset", "", "");
  expect (my_memcmp ("abc", "abd", 3) < 0 && my_memcmp ("b", "a", 1) > 0
          && my_memcmp ("x", "y", 0) == 0, "memcmp", "", "");
  expect (my_memchr (words[7], 'l', 11) == words[7] + 2
          && my_memchr (words[7], 'z', 11) == NULL, "memchr", "", "");

  expect (my_strlcpy (a, "truncate me", 5) == 11 && strcmp (a, "trun") == 0,
          "strlcpy", a, "trun");
  expect (my_strlcpy (a, "ok", sizeof a) == 2 && strcmp (a, "ok") == 0,
          "strlcpy fits", a, "ok");
  expect (my_strlcat (a, "-more", 6) == 7 && strcmp (a, "ok-mo") == 0,
          "strlcat", a, "ok-mo");
  expect (my_strnlen ("abcdef", 3) == 3 && my_strnlen ("ab", 9) == 2,
          "strnlen", "", "");
  my_strcpy (b, "copied");
  expect (strcmp (b, "copied") == 0, "strcpy", b, "copied");

  strcpy (a, "  run  of   spaces ");
  tok = my_strtok_r (a, " ", &save);
  expect (tok != NULL && strcmp (tok, "run") == 0, "strtok 1", tok, "run");
  tok = my_strtok_r (NULL, " ", &save);
  expect (tok != NULL && strcmp (tok, "of") == 0, "strtok 2", tok, "of");
  tok = my_strtok_r (NULL, " ", &save);
  expect (tok != NULL && strcmp (tok, "spaces") == 0, "strtok 3", tok, "spaces");
  tok = my_strtok_r (NULL, " ", &save);
  expect (tok == NULL, "strtok end", "", "");
}

/* Orders ints ascending. */
static int
compare_ints (const void *a, const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return (x > y) - (x < y);
}

static void
check_stdlib (void)
{
  static const char *numbers[] = { "0", "42", "-17", "  +8", "123abc",
                                   "2147483647", "-2147483648", "x" };
  static int mine[1000], theirs[1000];
  unsigned long first;
  size_t i;
  int n;

  for (i = 0; i < sizeof numbers / sizeof *numbers; i++)
    expect (my_atoi (numbers[i]) == atoi (numbers[i]), "atoi", numbers[i], "");

  my_random_init (5);
  first = my_random_ulong ();
  my_random_ulong ();
  my_random_init (5);
  expect (my_random_ulong () == first && first != 0, "random repeats", "", "");

  for (n = 0; n <= 1000; n += 37)
    {
      for (i = 0; i < (size_t) n; i++)
        mine[i] = theirs[i] = (int) (my_random_ulong () % 100) - 50;
      my_qsort (mine, n, sizeof *mine, compare_ints);
      qsort (theirs, n, sizeof *theirs, compare_ints);
      expect (memcmp (mine, theirs, n * sizeof *mine) == 0, "qsort", "", "");
    }
}

int
main (void)
{
  check_formats ();
  check_console ();
  check_strings ();
  check_stdlib ();
  printf ("%d checks, %d failures\n", checks, failures);
  return failures != 0;
}
