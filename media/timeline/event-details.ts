// Text about one VM event for the timeline's hover details, list rows and labels.
import type { VmEventView } from '../../src/shared/vm-views';
import { hex } from '../common/dom';
import { full } from './format';

/** The user address an event is about (faulting address, or the page), if any. */
export function eventAddress(e: VmEventView): number | undefined {
  const v = e.addr ?? e.page;
  return typeof v === 'number' ? v : undefined;
}

/** A short note on the event's outcome: a fault's resolution, a frame or slot, a status. */
export function eventNote(e: VmEventView): string {
  const parts: string[] = [];
  if (typeof e.resolution === 'string') parts.push(e.resolution);
  if (typeof e.frame === 'number') parts.push(`frame ${e.frame}`);
  if (typeof e.slot === 'number') parts.push(`slot ${e.slot}`);
  if (typeof e.victimPid === 'number') parts.push(`victim pid ${e.victimPid}`);
  if (typeof e.status === 'number') parts.push(`status ${e.status}`);
  if (typeof e.name === 'string' && e.kind === 'syscall') parts.push(e.name);
  return parts.join(', ');
}

/** Lines of the hover details: kind and seq, pid, address, instruction count, outcome. */
export function eventLines(e: VmEventView): string[] {
  const address = eventAddress(e);
  const note = eventNote(e);
  return [`#${e.seq} ${e.kind}`, `pid ${e.pid}`, ...(address !== undefined ? [`address ${hex(address)}`] : []), `after ${full(e.icount)} instructions`, ...(note !== '' ? [note] : [])];
}

/** One sentence for screen readers and tooltips. */
export function eventSentence(e: VmEventView): string {
  return eventLines(e).join(', ');
}
