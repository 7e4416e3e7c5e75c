// The stack-growth rule of PINTOS-ABI.md §6: a not-present fault at `addr` grows the stack iff
// USER_STACK - 1 MiB ≤ addr < USER_STACK and addr ≥ rsp - 8, with rsp the user rsp at the fault
// (the rsp saved at syscall entry for a fault inside a system call).
import { STACK_BOTTOM, STACK_LIMIT, STACK_SLACK, USER_STACK } from './layout';

/** What the rule says about an access with no SPT entry. */
export type StackVerdict = 'grow' | 'far below rsp' | 'beyond limit' | 'not stack';

/** Applies the rule to a fault at `addr` with stack pointer `rsp`. Pure. */
export function stackVerdict(addr: number, rsp: number): StackVerdict {
  if (addr >= USER_STACK) return 'not stack';
  const nearRsp = addr >= rsp - STACK_SLACK;
  if (addr >= STACK_BOTTOM) return nearRsp ? 'grow' : 'far below rsp';
  // Below the limit: name it a stack overflow when the access is where a push would land and
  // within one more stack-size of the limit; anything else is just an unmapped address.
  if (nearRsp && rsp <= USER_STACK && addr >= STACK_BOTTOM - STACK_LIMIT) return 'beyond limit';
  return 'not stack';
}
