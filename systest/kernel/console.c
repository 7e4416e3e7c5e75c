/* A small printf: flags '-', '0', '#'; a width; lengths l, ll, z;
   conversions d i u x X p c s %. */
#include "console.h"
#include <stdbool.h>
#include <stdint.h>
#include "power.h"
#include "serial.h"
#include "string.h"

static int out_cnt;

/* Sends one character to the console and counts it. */
static void out (char c) {
	serial_putc ((uint8_t) c);
	out_cnt++;
}

/* Writes the N bytes at BUF to the console. */
void putbuf (const char *buf, size_t n) {
	while (n-- > 0)
		out (*buf++);
}

/* Writes TEXT of LEN bytes padded to WIDTH (on the left with PAD unless
   LEFT), with PREFIX (e.g. "-" or "0x") before the padding zeros. */
static void emit (const char *prefix, const char *text, int len, int width,
		bool left, char pad) {
	int plen = strlen (prefix);
	int fill = width - len - plen;
	if (!left && pad == ' ')
		for (; fill > 0; fill--)
			out (' ');
	putbuf (prefix, plen);
	if (!left && pad == '0')
		for (; fill > 0; fill--)
			out ('0');
	putbuf (text, len);
	for (; fill > 0; fill--)
		out (' ');
}

/* Formats FMT with AP; returns the number of bytes written. */
int vprintf (const char *fmt, va_list ap) {
	out_cnt = 0;
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			out (*fmt);
			continue;
		}
		bool left = false, alt = false;
		char pad = ' ';
		int width = 0, longs = 0;
		for (fmt++; ; fmt++) {
			if (*fmt == '-') left = true;
			else if (*fmt == '0') pad = '0';
			else if (*fmt == '#') alt = true;
			else break;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;

		char buf[24];
		char *end = buf + sizeof buf, *p = end;
		const char *prefix = "";
		uint64_t v;
		switch (*fmt) {
		case 'd': case 'i': {
			int64_t s = longs ? va_arg (ap, int64_t) : va_arg (ap, int);
			v = s < 0 ? -(uint64_t) s : (uint64_t) s;
			if (s < 0)
				prefix = "-";
			do *--p = '0' + v % 10; while ((v /= 10) != 0);
			emit (prefix, p, end - p, width, left, pad);
			break;
		}
		case 'u': case 'x': case 'X': case 'p': {
			unsigned base = *fmt == 'u' ? 10 : 16;
			const char *digits = *fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
			if (*fmt == 'p')
				v = (uint64_t) va_arg (ap, void *), alt = true;
			else
				v = longs ? va_arg (ap, uint64_t) : va_arg (ap, unsigned);
			if (alt && base == 16)
				prefix = "0x";
			do *--p = digits[v % base]; while ((v /= base) != 0);
			emit (prefix, p, end - p, width, left, pad);
			break;
		}
		case 'c':
			buf[0] = (char) va_arg (ap, int);
			emit ("", buf, 1, width, left, ' ');
			break;
		case 's': {
			const char *s = va_arg (ap, const char *);
			if (s == NULL)
				s = "(null)";
			emit ("", s, strlen (s), width, left, ' ');
			break;
		}
		case '%':
			out ('%');
			break;
		default:
			out ('%');
			out (*fmt);
			break;
		}
	}
	return out_cnt;
}

/* printf() to the serial console. */
int printf (const char *fmt, ...) {
	va_list ap;
	va_start (ap, fmt);
	int n = vprintf (fmt, ap);
	va_end (ap);
	return n;
}

/* Prints "PANIC: " and the message, then powers off. */
void panic (const char *fmt, ...) {
	va_list ap;
	asm volatile ("cli");
	printf ("PANIC: ");
	va_start (ap, fmt);
	vprintf (fmt, ap);
	va_end (ap);
	printf ("\n");
	power_off ();
}
