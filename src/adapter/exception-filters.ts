// The VM exception-breakpoint filters as DAP presents them: one filter per kernel event of
// interest, each accepting a C-like condition over the fields of the event that triggers it.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { VM_FILTERS, type VmFilterId } from '../shared/custom-requests';

const FAULT_FIELDS = 'addr, write, user, present, fetch, errorCode, rsp, pid';

/** The fields a condition may name, per filter (they are the kernel event's fields). */
const CONDITION_FIELDS: Record<VmFilterId, string> = {
  'page-fault': `${FAULT_FIELDS}, e.g. addr >= 0x47000000 && write`,
  'lazy-load': `${FAULT_FIELDS}, e.g. addr == 0x602000`,
  'stack-growth': 'addr, rsp, write, pid, e.g. rsp - addr > 4096',
  'swap-in': 'page, frame, slot, pid, e.g. slot == 3',
  'copy-on-write': `${FAULT_FIELDS}, e.g. pid == 2`,
  'invalid-access': `${FAULT_FIELDS}, e.g. addr == 0`,
  eviction: 'victimPid, page, frame, dirty, pid, e.g. dirty && victimPid == 1',
  'swap-out': 'page, frame, slot, sharers, pid, e.g. sharers > 1',
  mmap: 'addr, length, fd, offset, writable, pid, e.g. length > 8192',
  'process-exit': 'status, killed, pid, e.g. status != 0',
  syscall: 'nr, args, pid, e.g. nr == 10 (SYS_WRITE)',
};

/** The `exceptionBreakpointFilters` capability: every VM filter, each accepting a condition. */
export function exceptionBreakpointFilters(): DebugProtocol.ExceptionBreakpointsFilter[] {
  return VM_FILTERS.map((f) => ({
    filter: f.filter,
    label: f.label,
    default: f.default,
    supportsCondition: true,
    conditionDescription: `Condition over the event's fields: ${CONDITION_FIELDS[f.filter]}`,
  }));
}
