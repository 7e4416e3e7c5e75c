// What a data-breakpoint request points at: a variable or an address expression (through the
// inspection side), or a whole page of a process, virtually or as the frame holding it.
import type { PhysicalMemory } from '../emu/memory/physical-memory';
import type { Process } from '../kernel/userprog/process';
import { parseAddress } from './code-breakpoints';
import { UserFacingError } from './contract';
import type { DataRange } from './data-breakpoints';
import type { InspectorServices } from './inspector-host';
import { peekUserAddress } from './process-memory';

const PAGE_SIZE = 4096;
const hex = (n: number) => `0x${n.toString(16)}`;

/** A range to watch and how to describe it. */
export interface DataTarget {
  range: DataRange;
  description: string;
}

/** The arguments of DAP dataBreakpointInfo. */
export interface DataTargetRequest {
  name: string;
  variablesReference?: number;
  frameId?: number;
  bytes?: number;
  asAddress?: boolean;
}

/**
 * The range a dataBreakpointInfo request names: `name` as an address expression (`asAddress`,
 * `bytes` long, default 1) in the process of `framePid` or `selectedPid`, or a variable located by
 * the inspection side (`bytes` overrides its size). Throws an Error with a message when there is none.
 */
export function dataTarget(request: DataTargetRequest, inspector: InspectorServices, framePid: number | undefined, selectedPid: number | undefined): DataTarget {
  let target: DataTarget;
  if (request.asAddress) {
    const pid = framePid ?? selectedPid;
    if (pid === undefined) throw new Error('no process is alive');
    const start = parseAddress(request.name) ?? inspector.evaluateAddress(request.name, request.frameId);
    const length = request.bytes ?? 1;
    target = { range: { space: 'virtual', pid, start, length }, description: `${length} bytes at ${hex(start)} (pid ${pid})` };
  } else {
    const loc = inspector.locateData({ name: request.name, variablesReference: request.variablesReference, frameId: request.frameId });
    target = { range: { space: 'virtual', pid: loc.pid, start: loc.address, length: request.bytes ?? loc.size }, description: loc.description };
  }
  if (!(target.range.length > 0)) throw new Error(`bytes must be positive, got ${target.range.length}`);
  return target;
}

/** The page of `p` holding `va`: its virtual range, or (`physical`) the frame holding it now. Throws UserFacingError when that page has no frame. */
export function pageTarget(phys: PhysicalMemory, p: Process, va: number, physical: boolean): DataTarget {
  const page = va - (va % PAGE_SIZE);
  if (!physical) return { range: { space: 'virtual', pid: p.pid, start: page, length: PAGE_SIZE }, description: `page ${hex(page)} of pid ${p.pid}` };
  const pa = peekUserAddress(phys, p.space.pml4, page, false);
  if (pa === undefined) throw new UserFacingError(`page ${hex(page)} of pid ${p.pid} is not in a frame`);
  return { range: { space: 'physical', start: pa, length: PAGE_SIZE }, description: `frame at physical ${hex(pa)} (holding page ${hex(page)} of pid ${p.pid})` };
}
