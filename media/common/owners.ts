// Owner colours and labels for the maps: each process gets one of eight theme colours and its
// pid as text, so colour is never the only signal.
import type { ProcessView } from '../../src/shared/vm-views';

export const OWNER_COLOURS = 8;

/** CSS class of a pid's colour. */
export function ownerClass(pid: number): string {
  return `o${((pid % OWNER_COLOURS) + OWNER_COLOURS) % OWNER_COLOURS}`;
}

/** "name (pid N)" for a pid, from the process list. */
export function ownerName(pid: number, processes: readonly ProcessView[]): string {
  const p = processes.find((x) => x.pid === pid);
  return p !== undefined ? `${p.name} (pid ${pid})` : `pid ${pid}`;
}
