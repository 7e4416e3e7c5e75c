// Text for kernel events in the VM Events view, and the page an event is about.
import type { VmEventView } from '../../shared/vm-views';
import { hex } from '../format';

/** A number field of an event, or undefined. */
function num(e: VmEventView, field: string): number | undefined {
  const v = e[field];
  return typeof v === 'number' ? v : undefined;
}

/** The user page an event concerns (for "reveal the page"), or undefined. */
export function eventPage(e: VmEventView): { pid: number; va: number } | undefined {
  const page = (va: number | undefined, pid = e.pid) => (va === undefined ? undefined : { pid, va: va - (va % 4096) });
  switch (e.kind) {
    case 'page-fault':
      return page(num(e, 'addr'));
    case 'eviction':
      return page(num(e, 'page'), num(e, 'victimPid') ?? e.pid);
    case 'swap-out':
    case 'swap-in':
    case 'write-back':
    case 'frame-alloc':
    case 'frame-free':
      return page(num(e, 'page'));
    case 'mmap':
    case 'munmap':
      return page(num(e, 'addr'));
    default:
      return undefined;
  }
}

/** One-line summary of an event's fields, e.g. "stack-growth at 0x4747e000 (write)". */
export function eventSummary(e: VmEventView): string {
  const a = (field: string) => {
    const v = num(e, field);
    return v === undefined ? '?' : hex(v);
  };
  switch (e.kind) {
    case 'page-fault':
      return `${String(e.resolution)} at ${a('addr')} (${e.write ? 'write' : e.fetch ? 'fetch' : 'read'}${e.user === false ? ', in kernel' : ''})`;
    case 'eviction':
      return `pid ${String(e.victimPid)} page ${a('page')} from frame ${String(e.frame)}${e.dirty ? ', dirty' : ''}`;
    case 'swap-out':
      return `page ${a('page')} frame ${String(e.frame)} → slot ${String(e.slot)}`;
    case 'swap-in':
      return `slot ${String(e.slot)} → page ${a('page')} frame ${String(e.frame)}`;
    case 'write-back':
      return `page ${a('page')} → ${String(e.file)} @ ${a('offset')}`;
    case 'mmap':
      return `${String(e.file)} at ${a('addr')}, ${String(e.length)} bytes${e.writable ? ', writable' : ''}`;
    case 'munmap':
      return `${a('addr')}, ${String(e.pagesWrittenBack)} pages written back`;
    case 'frame-alloc':
    case 'frame-free':
      return `frame ${String(e.frame)} for page ${a('page')}`;
    case 'cow-share':
      return `${String(e.pages)} pages shared with pid ${String(e.childPid)}`;
    case 'process-start':
      return String(e.cmdline ?? e.name ?? '');
    case 'fork':
      return `child pid ${String(e.childPid)} (${String(e.childName)})`;
    case 'exec':
      return `${String(e.cmdline)}${e.ok === false ? ' (failed)' : ''}`;
    case 'exit':
      return `${String(e.name)}: exit(${String(e.status)})${e.killed ? ` killed${e.reason !== undefined ? `: ${String(e.reason)}` : ''}` : ''}`;
    case 'syscall':
      return `${String(e.name)}(${Array.isArray(e.args) ? e.args.map((x) => (typeof x === 'number' ? hex(x) : String(x))).join(', ') : ''})`;
    default:
      return '';
  }
}

/** Codicon id for an event kind. */
export function eventIcon(kind: VmEventView['kind']): string {
  switch (kind) {
    case 'page-fault':
      return 'debug-breakpoint-data';
    case 'eviction':
      return 'sign-out';
    case 'swap-out':
      return 'arrow-down';
    case 'swap-in':
      return 'arrow-up';
    case 'write-back':
      return 'save';
    case 'mmap':
    case 'munmap':
      return 'file-symlink-file';
    case 'frame-alloc':
    case 'frame-free':
      return 'symbol-array';
    case 'cow-share':
      return 'link';
    case 'exit':
      return 'debug-stop';
    case 'syscall':
      return 'symbol-event';
    default:
      return 'server-process';
  }
}

/** Every event kind with a short description, for the filter pick. */
export const EVENT_KIND_DESCRIPTIONS: Record<VmEventView['kind'], string> = {
  'page-fault': 'a page fault and how it was resolved',
  eviction: 'a frame taken from a page',
  'swap-out': 'an anonymous page written to swap',
  'swap-in': 'a page read back from swap',
  'write-back': 'a dirty file page written to its file',
  mmap: 'a file mapped',
  munmap: 'a mapping removed',
  'frame-alloc': 'a frame given to a page',
  'frame-free': 'a frame released',
  'cow-share': 'pages shared copy-on-write by fork',
  'process-start': 'a process started',
  fork: 'a fork',
  exec: 'an exec',
  exit: 'a process exited',
  syscall: 'a system call',
};
