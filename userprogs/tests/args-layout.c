/* args-layout: the initial stack is laid out as PINTOS-ABI.md section 3
   says.  The argument strings are packed just below USER_STACK, last
   argument highest; argv[] sits below them after zero padding to a
   multiple of 8; below argv[0] is the fake return address 0, where rsp
   pointed when _start began.  _start (compiled with a frame pointer)
   pushed the initial rbp, 0, right below that. */
#include <stdint.h>
#include <string.h>
#include <test.h>
#include "common/util.h"

const char *test_name = "args-layout";

int
main (int argc, char *argv[])
{
  uint64_t *main_frame = __builtin_frame_address (0);
  uint64_t *start_frame = (uint64_t *) main_frame[0];
  uintptr_t strings = (uintptr_t) argv[0];
  uintptr_t after_argv = (uintptr_t) &argv[argc + 1];
  uintptr_t p;
  int i;
  bool packed = true;

  msg ("argc = %d", argc);
  msg ("argv = %p", (void *) argv);
  for (i = 0; i < argc; i++)
    msg ("argv[%d] = %p '%s'", i, (void *) argv[i], argv[i]);
  CHECK (argv[argc] == NULL, "argv[%d] is NULL", argc);

  for (i = 0; i + 1 < argc; i++)
    if (argv[i] + strlen (argv[i]) + 1 != argv[i + 1])
      packed = false;
  CHECK (packed && (uintptr_t) (argv[argc - 1] + strlen (argv[argc - 1]) + 1)
                   == USER_STACK,
         "the strings are packed in order and the last ends at USER_STACK");

  CHECK ((uintptr_t) argv % 8 == 0, "argv is 8-byte aligned");
  CHECK (after_argv == (strings & ~(uintptr_t) 7),
         "argv[] ends where the padded strings begin");
  for (p = after_argv; p < strings; p++)
    if (*(char *) p != 0)
      fail ("padding byte at %p is %d", (void *) p, *(char *) p);
  msg ("%d padding bytes, all zero", (int) (strings - after_argv));

  msg ("rsp at entry = %p", (void *) &start_frame[1]);
  CHECK (&start_frame[2] == (uint64_t *) argv, "rsp at entry is argv - 8");
  CHECK (start_frame[1] == 0, "the fake return address is 0");
  CHECK (start_frame[0] == 0, "rbp was 0 at entry");

  CHECK ((uintptr_t) &argc >= USER_STACK - PAGE_SIZE
         && (uintptr_t) &argc < USER_STACK,
         "main's locals are in the first stack page");
  return 0;
}
