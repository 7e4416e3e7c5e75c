// How a frame looks in the frame map: owner colour, kind pattern and letter, dirty/pinned marks,
// the clock hand, and the sentence a screen reader and the details box give for it.
import type { FrameView, ProcessView } from '../../src/shared/vm-views';
import type { CellSpec } from '../common/cell-grid';
import { hex } from '../common/dom';
import { ownerClass, ownerName } from '../common/owners';

/** Letter of a page kind shown in its cell. */
export function kindLetter(kind: string): string {
  return kind === 'file' ? 'F' : kind === 'anon' ? 'A' : kind === 'uninit' ? 'U' : '?';
}

/** The cell of frame `index` (`frame` undefined when free). */
export function frameCell(index: number, frame: FrameView | undefined, hand: boolean, processes: readonly ProcessView[]): CellSpec {
  if (frame === undefined) {
    return { cls: hand ? 'free hand' : 'free', text: hand ? '▶' : '', label: `frame ${index}: free${hand ? ', clock hand' : ''}` };
  }
  const owner = frame.owners[0];
  const shared = frame.owners.length > 1;
  const cls = [owner !== undefined ? ownerClass(owner.pid) : 'o0', frame.kind === 'file' ? 'k-file' : shared ? 'k-shared' : 'k-anon'];
  if (frame.dirty) cls.push('dirty');
  if (frame.pinned) cls.push('pinned');
  if (hand) cls.push('hand');
  const owners = frame.owners.length === 0 ? 'no owner' : frame.owners.map((o) => `${ownerName(o.pid, processes)} page ${hex(o.page)}`).join('; ');
  const bits = `${frame.accessed ? 'accessed' : 'not accessed'}, ${frame.dirty ? 'dirty' : 'clean'}${frame.pinned ? ', pinned' : ''}`;
  return {
    cls: cls.join(' '),
    text: hand ? '▶' : kindLetter(frame.kind),
    label: `frame ${index}: ${frame.kind}${shared ? ` shared by ${frame.owners.length}` : ''}, ${owners}, ${bits}${hand ? ', clock hand' : ''}`,
  };
}
