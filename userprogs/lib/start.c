/* start.c: process entry point.  The kernel enters _start with
   rdi = argc, rsi = argv and a fake return address 0 at rsp. */
#include <syscall.h>

int main (int argc, char *argv[]);
void _start (int argc, char *argv[]) __attribute__ ((noreturn));

/* Runs main() and exits with its return value. */
void
_start (int argc, char *argv[])
{
  exit (main (argc, argv));
}
