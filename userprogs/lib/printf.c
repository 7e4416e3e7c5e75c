/* printf.c: printf, vprintf, snprintf, vsnprintf, puts and putchar.
   Supports %d %i %u %o %x %X %p %s %c %%, the length modifiers hh h l
   ll z t j, field width and precision (digits or '*') and the flags
   - 0 + space #.  Console output is buffered per call and flushed
   with one write() at every '\n', when the buffer fills, and at the
   end of the call. */
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <syscall.h>

/* Size of the per-call console line buffer. */
#define CONSOLE_BUF 256

/* Destination of formatted characters. */
struct out
  {
    char *buf;          /* Buffer. */
    size_t cap;         /* Its capacity in bytes. */
    size_t len;         /* Bytes held in BUF. */
    bool console;       /* True: flush to fd 1; false: string, truncate. */
    int total;          /* Characters produced, kept or not. */
  };

/* One parsed conversion specification. */
struct spec
  {
    bool minus, zero, plus, space, alt;
    int width;          /* Minimum field width. */
    int precision;      /* -1 if none was given. */
    char length;        /* 'H' = hh, 'h', 0, 'l', 'L' = ll, 'z', 't', 'j'. */
  };

/* Writes the buffered console bytes to fd 1. */
static void
flush (struct out *o)
{
  if (o->console && o->len > 0)
    write (STDOUT_FILENO, o->buf, o->len);
  o->len = 0;
}

/* Emits character C. */
static void
put (struct out *o, char c)
{
  o->total++;
  if (o->console)
    {
      o->buf[o->len++] = c;
      if (c == '\n' || o->len == o->cap)
        flush (o);
    }
  else if (o->len + 1 < o->cap)
    o->buf[o->len++] = c;
}

/* Emits N copies of character C. */
static void
put_repeat (struct out *o, char c, int n)
{
  while (n-- > 0)
    put (o, c);
}

/* Emits the N first characters of S. */
static void
put_chars (struct out *o, const char *s, size_t n)
{
  while (n-- > 0)
    put (o, *s++);
}

/* Emits an integer of magnitude VALUE in BASE.  SIGN is '-', '+', ' '
   or 0; PREFIX is "0x", "0X" or "" and goes between sign and digits. */
static void
format_integer (struct out *o, const struct spec *s, unsigned long long value,
                char sign, unsigned base, bool upper, const char *prefix)
{
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char digits[32];
  int n = 0, zeros = 0, body, pad;

  while (value > 0)
    {
      digits[n++] = set[value % base];
      value /= base;
    }

  if (s->precision >= 0)
    zeros = s->precision > n ? s->precision - n : 0;
  else if (n == 0)
    zeros = 1;
  if (s->alt && base == 8 && zeros == 0)
    zeros = 1;

  body = (sign != 0) + (int) strlen (prefix) + zeros + n;
  pad = s->width > body ? s->width - body : 0;

  if (!s->minus && !(s->zero && s->precision < 0))
    put_repeat (o, ' ', pad);
  if (sign != 0)
    put (o, sign);
  put_chars (o, prefix, strlen (prefix));
  if (!s->minus && s->zero && s->precision < 0)
    put_repeat (o, '0', pad);
  put_repeat (o, '0', zeros);
  while (n > 0)
    put (o, digits[--n]);
  if (s->minus)
    put_repeat (o, ' ', pad);
}

/* Emits the N bytes of S padded to the field width. */
static void
format_text (struct out *o, const struct spec *s, const char *text, size_t n)
{
  int pad = s->width > (int) n ? s->width - (int) n : 0;

  if (!s->minus)
    put_repeat (o, ' ', pad);
  put_chars (o, text, n);
  if (s->minus)
    put_repeat (o, ' ', pad);
}

/* Fetches a signed argument of the size given by LENGTH. */
static long long
signed_arg (char length, va_list *args)
{
  switch (length)
    {
    case 'H': return (signed char) va_arg (*args, int);
    case 'h': return (short) va_arg (*args, int);
    case 0: return va_arg (*args, int);
    case 'L': return va_arg (*args, long long);
    default: return va_arg (*args, long);
    }
}

/* Fetches an unsigned argument of the size given by LENGTH. */
static unsigned long long
unsigned_arg (char length, va_list *args)
{
  switch (length)
    {
    case 'H': return (unsigned char) va_arg (*args, unsigned);
    case 'h': return (unsigned short) va_arg (*args, unsigned);
    case 0: return va_arg (*args, unsigned);
    case 'L': return va_arg (*args, unsigned long long);
    default: return va_arg (*args, unsigned long);
    }
}

/* Parses the flags, width, precision and length of one conversion at
   *FMT (just past the '%') into S; advances *FMT to the conversion. */
static void
parse_spec (const char **fmt, struct spec *s, va_list *args)
{
  const char *p = *fmt;

  memset (s, 0, sizeof *s);
  s->precision = -1;
  for (;; p++)
    {
      if (*p == '-')
        s->minus = true;
      else if (*p == '0')
        s->zero = true;
      else if (*p == '+')
        s->plus = true;
      else if (*p == ' ')
        s->space = true;
      else if (*p == '#')
        s->alt = true;
      else
        break;
    }

  if (*p == '*')
    {
      s->width = va_arg (*args, int);
      if (s->width < 0)
        {
          s->minus = true;
          s->width = -s->width;
        }
      p++;
    }
  else
    for (; *p >= '0' && *p <= '9'; p++)
      s->width = s->width * 10 + (*p - '0');

  if (*p == '.')
    {
      p++;
      if (*p == '*')
        {
          s->precision = va_arg (*args, int);
          if (s->precision < 0)
            s->precision = -1;
          p++;
        }
      else
        for (s->precision = 0; *p >= '0' && *p <= '9'; p++)
          s->precision = s->precision * 10 + (*p - '0');
    }

  if (*p == 'h')
    s->length = *++p == 'h' ? (p++, 'H') : 'h';
  else if (*p == 'l')
    s->length = *++p == 'l' ? (p++, 'L') : 'l';
  else if (*p == 'z' || *p == 't' || *p == 'j')
    s->length = *p++;

  *fmt = p;
}

/* Formats FMT with ARGS into O. */
static void
format (struct out *o, const char *fmt, va_list args)
{
  va_list ap;

  va_copy (ap, args);
  for (; *fmt != '\0'; fmt++)
    {
      struct spec s;

      if (*fmt != '%')
        {
          put (o, *fmt);
          continue;
        }
      fmt++;
      parse_spec (&fmt, &s, &ap);

      switch (*fmt)
        {
        case 'd':
        case 'i':
          {
            long long v = signed_arg (s.length, &ap);
            unsigned long long mag = v < 0 ? -(unsigned long long) v
                                           : (unsigned long long) v;
            char sign = v < 0 ? '-' : s.plus ? '+' : s.space ? ' ' : 0;
            format_integer (o, &s, mag, sign, 10, false, "");
          }
          break;
        case 'u':
        case 'o':
        case 'x':
        case 'X':
          {
            unsigned long long v = unsigned_arg (s.length, &ap);
            unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            const char *prefix = "";
            if (s.alt && v != 0 && base == 16)
              prefix = *fmt == 'X' ? "0X" : "0x";
            format_integer (o, &s, v, 0, base, *fmt == 'X', prefix);
          }
          break;
        case 'p':
          {
            uintptr_t v = (uintptr_t) va_arg (ap, void *);
            s.alt = false;
            format_integer (o, &s, v, 0, 16, false, "0x");
          }
          break;
        case 's':
          {
            const char *str = va_arg (ap, const char *);
            size_t max = s.precision >= 0 ? (size_t) s.precision : SIZE_MAX;
            if (str == NULL)
              str = "(null)";
            format_text (o, &s, str, strnlen (str, max));
          }
          break;
        case 'c':
          {
            char c = (char) va_arg (ap, int);
            format_text (o, &s, &c, 1);
          }
          break;
        case '%':
          put (o, '%');
          break;
        case '\0':
          fmt--;
          break;
        default:
          put (o, '%');
          put (o, *fmt);
          break;
        }
    }
  va_end (ap);
}

/* Prints FMT with ARGS on the console; returns the characters printed. */
int
vprintf (const char *fmt, va_list args)
{
  char buf[CONSOLE_BUF];
  struct out o = { buf, sizeof buf, 0, true, 0 };

  format (&o, fmt, args);
  flush (&o);
  return o.total;
}

/* Prints FMT and its arguments on the console. */
int
printf (const char *fmt, ...)
{
  va_list args;
  int n;

  va_start (args, fmt);
  n = vprintf (fmt, args);
  va_end (args);
  return n;
}

/* Formats into BUF (at most SIZE bytes with the terminating NUL);
   returns the length the full result would have. */
int
vsnprintf (char *buf, size_t size, const char *fmt, va_list args)
{
  struct out o = { buf, size, 0, false, 0 };

  format (&o, fmt, args);
  if (size > 0)
    buf[o.len] = '\0';
  return o.total;
}

/* Formats FMT and its arguments into BUF of SIZE bytes. */
int
snprintf (char *buf, size_t size, const char *fmt, ...)
{
  va_list args;
  int n;

  va_start (args, fmt);
  n = vsnprintf (buf, size, fmt, args);
  va_end (args);
  return n;
}

/* Prints S and a newline on the console. */
int
puts (const char *s)
{
  char buf[CONSOLE_BUF];
  struct out o = { buf, sizeof buf, 0, true, 0 };

  put_chars (&o, s, strlen (s));
  put (&o, '\n');
  flush (&o);
  return o.total;
}

/* Prints character C on the console. */
int
putchar (int c)
{
  char ch = (char) c;

  write (STDOUT_FILENO, &ch, 1);
  return (unsigned char) c;
}
