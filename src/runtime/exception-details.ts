// What `exceptionInfo` says about a stop on a VM event or a kernel error: the event's address,
// error code, decision and the SPT entry of the page involved.
import type { KernelEvent } from '../kernel/events';
import type { SptEntryInfo } from '../kernel/vm/virtual-memory';

/** Details of the exception-style stop of one process (DAP exceptionInfo). */
export interface ExceptionDetails {
  /** in words: VS Code titles its exception widget "Exception has occurred: <exceptionId>" */
  exceptionId: string;
  description: string;
  breakMode: 'always' | 'unhandled';
  details: { message: string; typeName: string; evaluateName?: string; fullTypeName?: string };
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** The page-fault error code spelled out (bit 0 present, 1 write, 2 user, 4 fetch). */
export function describeErrorCode(code: number): string {
  const parts = [code & 1 ? 'protection violation' : 'not present', code & 2 ? 'write' : 'read', code & 4 ? 'user' : 'kernel'];
  if (code & 16) parts.push('instruction fetch');
  return `${hex(code)} (${parts.join(', ')})`;
}

/** One SPT entry on a line. */
export function describeSptEntry(e: SptEntryInfo | undefined): string {
  if (!e) return 'no SPT entry for this page';
  const parts = [`page ${hex(e.va)}`, e.kind + (e.target ? `→${e.target}` : ''), e.region, e.writable ? 'writable' : 'read-only', e.state];
  if (e.frame !== undefined) parts.push(`frame ${e.frame}`);
  if (e.swapSlot !== undefined) parts.push(`swap slot ${e.swapSlot}`);
  if (e.cow) parts.push(`copy-on-write (${e.cowShares} sharers)`);
  if (e.file !== undefined) parts.push(`file ${e.file}+${hex(e.fileOffset ?? 0)}`);
  return parts.join(', ');
}

/** The address an event is about, when it has one. */
export function eventAddress(e: KernelEvent): number | undefined {
  if ('addr' in e) return e.addr;
  if ('page' in e) return e.page;
  return undefined;
}

/** Details of a stop on `e` through filter `filterId` (label `label`); `spt` is the entry of the page involved. */
export function eventException(e: KernelEvent, filterId: string, label: string, description: string, spt: SptEntryInfo | undefined): ExceptionDetails {
  const lines = [description];
  if (e.kind === 'page-fault') {
    lines.push(`address ${hex(e.addr)}, error code ${describeErrorCode(e.errorCode)}`);
    lines.push(`rip ${hex(e.rip)}, rsp ${hex(e.rsp)}`);
    lines.push(`resolution: ${e.resolution} (${e.detail})${e.frame !== undefined ? `, frame ${e.frame}` : ''}`);
  } else {
    const fields = Object.entries(e)
      .filter(([k]) => !['seq', 'icount', 'kind'].includes(k))
      .map(([k, v]) => `${k} = ${typeof v === 'number' && /addr|page|rip/.test(k) ? hex(v) : JSON.stringify(v)}`);
    lines.push(fields.join(', '));
  }
  if (eventAddress(e) !== undefined) lines.push(`SPT entry: ${describeSptEntry(spt)}`);
  lines.push(`event #${e.seq} at instruction ${e.icount}`);
  const invalid = filterId === 'invalid-access';
  const resolution = e.kind === 'page-fault' ? `: ${e.resolution}` : '';
  return {
    exceptionId: label,
    description,
    breakMode: invalid ? 'unhandled' : 'always',
    details: { message: lines.join('\n'), typeName: label, fullTypeName: `${e.kind}${resolution}` },
  };
}

/** The exceptionId of a stop on an error of the debugger itself (not a VM invariant). */
export const INTERNAL_ERROR = 'Internal error';

/** Details of a stop on an error the kernel threw (a VM invariant violation or an internal error). */
export function errorException(error: unknown): ExceptionDetails {
  const message = error instanceof Error ? error.message : String(error);
  const invariant = /invariant/i.test(message);
  const typeName = invariant ? 'VM invariant violated' : INTERNAL_ERROR;
  const stack = error instanceof Error && !invariant && error.stack ? `\n${error.stack}` : '';
  return {
    exceptionId: typeName,
    description: `${typeName}: ${message}`,
    breakMode: 'unhandled',
    details: { message: message + stack, typeName },
  };
}
