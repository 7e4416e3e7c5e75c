// Resolving a page fault of a process (vm_try_handle_fault): lazy loading, stack growth, swap-in,
// reload of an evicted file page, copy-on-write; or an invalid access with the reason the process
// is killed for. Emits exactly one 'page-fault' event per fault, after the events its work caused.
// The resolution pauses at each of those events that a debugger stops on (see steps.ts), so the
// debugger sees the machine at that event; 'page-fault' is the last thing it does.
import type { FaultResolution } from '../events';
import { chargeSpt, trimSptCharge, type AddressSpace } from '../memory/address-space';
import type { Steps } from '../steps';
import { claimPage } from './claim';
import { breakCow } from './cow';
import { isUserAddress, pageDown } from './layout';
import type { Page } from './page';
import { newStackPage } from './page-factory';
import { stackVerdict } from './stack-growth';
import { emit, type VmState } from './vm-state';

/** A page fault as the CPU (or the kernel's user-memory access) reports it. */
export interface FaultInfo {
  addr: number;
  write: boolean;
  /** false when the kernel faulted accessing user memory inside a system call */
  user: boolean;
  /** the page was present: a protection violation */
  present: boolean;
  fetch: boolean;
  errorCode: number;
  /** user rsp at the fault (the rsp saved at syscall entry when `user` is false) */
  rsp: number;
  rip: number;
}

interface Outcome {
  resolution: FaultResolution;
  /** page kind after resolution, or the reason of an invalid access */
  detail: string;
  frame?: number;
  /** the page whose frame changed, to stamp with the event's seq */
  loaded?: Page;
}

const invalid = (reason: string): Outcome => ({ resolution: 'invalid', detail: reason });

/**
 * Resolves fault `f` of the process owning `space`. Returns true when the access can be retried,
 * false when it is invalid (the caller kills the process). Emits one 'page-fault' event, last.
 * Pauses at each event before it that a debugger stops on (see steps.ts).
 */
export function* handleFault(vm: VmState, space: AddressSpace, f: FaultInfo): Steps<boolean> {
  const outcome = yield* resolve(vm, space, f);
  vm.stats.of(space.pid).faults[outcome.resolution]++;
  const event = emit(vm, space.pid, {
    kind: 'page-fault',
    addr: f.addr,
    write: f.write,
    user: f.user,
    present: f.present,
    fetch: f.fetch,
    errorCode: f.errorCode,
    rsp: f.rsp,
    resolution: outcome.resolution,
    detail: outcome.detail,
    ...(outcome.frame === undefined ? {} : { frame: outcome.frame }),
  });
  if (outcome.loaded !== undefined) outcome.loaded.loadSeq = event.seq;
  return outcome.resolution !== 'invalid';
}

function* resolve(vm: VmState, space: AddressSpace, f: FaultInfo): Steps<Outcome> {
  if (!isUserAddress(f.addr)) return invalid('kernel address');
  const page = space.spt.get(pageDown(f.addr));
  if (f.present) return yield* resolveProtection(vm, space, page, f);
  if (page === undefined) return yield* growStack(vm, space, f);
  if (page.frame !== undefined) return invalid('inconsistent page state: not-present fault on a resident page');
  if (f.write && !page.writable) return invalid(readOnlyReason(page));
  return yield* fill(vm, space, page, undefined);
}

/** A fault on a present page: only a write to a copy-on-write page can be resolved. */
function* resolveProtection(vm: VmState, space: AddressSpace, page: Page | undefined, f: FaultInfo): Steps<Outcome> {
  if (page === undefined) return invalid('not in SPT');
  if (!f.write) return invalid('protection violation');
  if (!page.writable) return invalid(readOnlyReason(page));
  if (!page.cow) return invalid('inconsistent page state: write fault on a writable page');
  const r = yield* breakCow(vm, space, page);
  if (!r.ok) return invalid(r.reason);
  return { resolution: r.resolution, detail: page.ops.kind, frame: r.frame, loaded: r.resolution === 'cow-copy' ? page : undefined };
}

function readOnlyReason(page: Page): string {
  if (page.region === 'code') return 'write to code segment';
  if (page.region === 'mmap') return 'write to read-only mapping';
  return 'write to read-only page';
}

/** A fault with no SPT entry: a new stack page when the rule allows it. */
function* growStack(vm: VmState, space: AddressSpace, f: FaultInfo): Steps<Outcome> {
  const verdict = stackVerdict(f.addr, f.rsp);
  if (verdict === 'far below rsp') return invalid('stack access far below rsp');
  if (verdict === 'beyond limit') return invalid('stack growth beyond 1 MiB');
  if (verdict === 'not stack') return invalid(pageDown(f.addr) === 0 ? 'null page' : 'not in SPT');
  const pool = vm.deps.kernelPool;
  if (!chargeSpt(space, pool, space.spt.size + 1)) {
    trimSptCharge(space, pool);
    return invalid('out of kernel memory');
  }
  const page = newStackPage(pageDown(f.addr));
  space.spt.set(page.va, page);
  const outcome = yield* fill(vm, space, page, 'stack-growth');
  if (outcome.resolution === 'invalid') {
    space.spt.delete(page.va);
    trimSptCharge(space, pool);
  }
  return outcome;
}

/** Claims `page`; `as` overrides the resolution reported (stack growth). */
function* fill(vm: VmState, space: AddressSpace, page: Page, as: FaultResolution | undefined): Steps<Outcome> {
  const r = yield* claimPage(vm, space, page);
  if (!r.ok) return invalid(r.reason);
  return { resolution: as ?? r.resolution, detail: page.ops.kind, frame: r.frame, loaded: page };
}
