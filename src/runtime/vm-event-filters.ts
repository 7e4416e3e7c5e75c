// VM exception breakpoints: which kernel events each filter of VM_FILTERS stops on, their
// optional conditions over the event's fields, and how a stop on an event is described.
import type { KernelEvent } from '../kernel/events';
import { VM_FILTERS, type VmFilterId } from '../shared/custom-requests';
import type { CompiledCondition, EventFields, InspectorServices } from './inspector-host';

const hex = (n: number) => `0x${n.toString(16)}`;

/** True when `e` announces a process killed for misbehaving, not already announced by an invalid page fault of `faultedPid`. */
function isKill(e: KernelEvent, faultedPid: number | undefined): boolean {
  return e.kind === 'exit' && e.killed && e.pid !== faultedPid;
}

/** True when filter `id` stops on `event` (`faultedPid`: the process of the last invalid page fault). */
function filterMatches(id: VmFilterId, e: KernelEvent, faultedPid: number | undefined): boolean {
  const resolution = e.kind === 'page-fault' ? e.resolution : undefined;
  switch (id) {
    case 'page-fault':
      return e.kind === 'page-fault';
    case 'lazy-load':
      return resolution === 'lazy-anon' || resolution === 'lazy-file';
    case 'stack-growth':
      return resolution === 'stack-growth';
    case 'swap-in':
      return resolution === 'swap-in' || resolution === 'file-reload';
    case 'copy-on-write':
      return resolution === 'cow-copy' || resolution === 'cow-reuse';
    case 'invalid-access':
      return resolution === 'invalid' || isKill(e, faultedPid);
    case 'eviction':
      return e.kind === 'eviction';
    case 'swap-out':
      return e.kind === 'swap-out';
    case 'mmap':
      return e.kind === 'mmap' || e.kind === 'munmap';
    case 'process-exit':
      return e.kind === 'exit';
    case 'syscall':
      return e.kind === 'syscall';
  }
}

/** The fields a filter condition may name: the event's own, plus `addr` for page-sized events and `arg0`..`arg5` of a syscall. */
export function eventFields(e: KernelEvent): EventFields {
  const fields: EventFields = {};
  for (const [k, v] of Object.entries(e)) {
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') fields[k] = v;
  }
  if (!('addr' in fields) && 'page' in fields) fields.addr = fields.page;
  if (e.kind === 'syscall') e.args.forEach((a, i) => (fields[`arg${i}`] = a));
  return fields;
}

const RESOLUTION_TEXT: Record<string, string> = {
  'lazy-anon': 'lazy load (zero-filled anonymous page)',
  'lazy-file': 'lazy load from file',
  'stack-growth': 'stack growth',
  'swap-in': 'swap-in',
  'file-reload': 'reload from file',
  'cow-copy': 'copy-on-write (frame copied)',
  'cow-reuse': 'copy-on-write (last sharer, frame reused)',
};

/** The sentence shown when the machine stops on `e` through filter `filter`, naming the kernel's decision. */
export function describeEvent(e: KernelEvent, filter?: VmFilterId): string {
  switch (e.kind) {
    case 'page-fault': {
      if (e.resolution === 'invalid') return `Invalid access at ${hex(e.addr)} — process will be killed: ${e.detail}`;
      const access = `${e.fetch ? 'fetch' : e.write ? 'write' : 'read'}, ${e.user ? 'user' : 'kernel'}`;
      return `Page fault at ${hex(e.addr)} (${access}): ${RESOLUTION_TEXT[e.resolution] ?? e.resolution}`;
    }
    case 'eviction':
      return `Eviction of page ${hex(e.page)} of pid ${e.victimPid} from frame ${e.frame} (${e.pageKind}${e.dirty ? ', dirty' : ''}; ${e.policy})`;
    case 'swap-out':
      return `Swap-out of page ${hex(e.page)} from frame ${e.frame} to slot ${e.slot}`;
    case 'swap-in':
      return `Swap-in of page ${hex(e.page)} from slot ${e.slot} to frame ${e.frame}`;
    case 'mmap':
      return `mmap of '${e.file}' (fd ${e.fd}) at ${hex(e.addr)}, ${e.length} bytes${e.writable ? ', writable' : ''}`;
    case 'munmap':
      return `munmap at ${hex(e.addr)} (${e.pagesWrittenBack} pages written back)`;
    case 'exit':
      if (filter === 'invalid-access' && e.killed && e.reason?.startsWith('instruction not emulated')) {
        return `Instruction not emulated${e.reason.slice('instruction not emulated'.length)} — process will be killed`;
      }
      if (filter === 'invalid-access' && e.killed) {
        const addr = /0x[0-9a-f]+/.exec(e.reason ?? '')?.[0];
        return `Invalid access${addr ? ` at ${addr}` : ''} — process will be killed: ${e.reason ?? 'killed by the kernel'}`;
      }
      return `Process ${e.pid} (${e.name}) exits with status ${e.status}${e.killed ? ` — killed: ${e.reason ?? 'by the kernel'}` : ''}`;
    case 'syscall':
      return `System call ${e.name} (${e.nr})(${e.args.join(', ')})`;
    default:
      return `Kernel event ${e.kind}`;
  }
}

/** An enabled filter. */
interface ActiveFilter {
  id: VmFilterId;
  label: string;
  condition: CompiledCondition | undefined;
}

/** The enabled VM-event filters. `invalid-access` is on until the first `configure`. */
export class VmEventFilters {
  /** pid of the last invalid page fault: its kill is not a second invalid access */
  private faultedPid: number | undefined;
  private active: ActiveFilter[] = VM_FILTERS.filter((f) => f.default).map((f) => ({ id: f.filter, label: f.label, condition: undefined }));

  constructor(private readonly services: () => InspectorServices) {}

  /** Replaces the enabled filters; one result per request (unknown ids and bad conditions are not verified). */
  configure(filters: { filterId: string; condition?: string }[]): { verified: boolean; message?: string }[] {
    const next: ActiveFilter[] = [];
    const results = filters.map((f) => {
      const known = VM_FILTERS.find((k) => k.filter === f.filterId);
      if (!known) return { verified: false, message: `unknown exception filter '${f.filterId}'` };
      let condition: CompiledCondition | undefined;
      if (f.condition !== undefined && f.condition.trim() !== '') {
        try {
          condition = this.services().compileCondition(f.condition);
        } catch (e) {
          return { verified: false, message: `condition: ${e instanceof Error ? e.message : String(e)}` };
        }
      }
      next.push({ id: known.filter, label: known.label, condition });
      return { verified: true };
    });
    this.active = next;
    return results;
  }

  /** True when no filter is enabled (the event listener can return at once). */
  get empty(): boolean {
    return this.active.length === 0;
  }

  /**
   * The filter that stops on `e` (the most specific one when several match), or undefined. A
   * condition that cannot be evaluated counts as true and its error is passed to `onError`.
   */
  match(e: KernelEvent, onError: (message: string) => void): { id: VmFilterId; label: string } | undefined {
    let found: ActiveFilter | undefined;
    let fields: EventFields | undefined;
    const faultedPid = this.faultedPid;
    if (e.kind === 'page-fault' && e.resolution === 'invalid') this.faultedPid = e.pid;
    else if (e.kind === 'exit' && e.pid === this.faultedPid) this.faultedPid = undefined;
    for (const f of this.active) {
      if (!filterMatches(f.id, e, faultedPid)) continue;
      if (f.condition) {
        fields ??= eventFields(e);
        try {
          if (!this.services().evaluateCondition(f.condition, fields)) continue;
        } catch (err) {
          onError(`condition of '${f.label}': ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (!found || found.id === 'page-fault' || found.id === 'process-exit') found = f;
    }
    return found ? { id: found.id, label: found.label } : undefined;
  }
}
