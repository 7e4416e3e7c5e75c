// The events in the shown stretch as a table under the charts: the keyboard's way to the event
// marks. One travel button per row; the arrow keys move between them (one tab stop), Enter or a
// click travels, and the focused row's mark is highlighted on the chart.
import type { VmEventView } from '../../src/shared/vm-views';
import { el, hex } from '../common/dom';
import { eventAddress, eventNote, eventSentence } from './event-details';
import { full } from './format';

/** Rows listed at most; zooming in lists the others. */
export const LIST_LIMIT = 200;

export interface EventListHandlers {
  travel(e: VmEventView): void;
  focus(seq: number | undefined): void;
}

/** The table of `events` (those in the shown range), with `focusSeq`'s row as the tab stop. */
export function eventList(events: readonly VmEventView[], focusSeq: number | undefined, on: EventListHandlers): HTMLElement {
  const listed = events.slice(0, LIST_LIMIT);
  const stop = listed.some((e) => e.seq === focusSeq) ? focusSeq : listed[0]?.seq;
  const rows = listed.map((e) => {
    const address = eventAddress(e);
    const button = el('button', { class: 'travel', type: 'button', tabindex: e.seq === stop ? 0 : -1, 'data-seq': e.seq, 'aria-label': `Travel to event ${eventSentence(e)}` }, 'Travel');
    button.addEventListener('click', () => on.travel(e));
    button.addEventListener('focus', () => on.focus(e.seq));
    button.addEventListener('blur', () => on.focus(undefined));
    return el('tr', { 'data-seq': e.seq }, el('td', {}, button), el('td', {}, `#${e.seq}`), el('td', {}, e.kind), el('td', {}, String(e.pid)), el('td', { class: 'mono' }, address !== undefined ? hex(address) : ''), el('td', {}, full(e.icount)), el('td', {}, eventNote(e)));
  });
  const caption = events.length === 0 ? 'No VM events in view' : events.length > LIST_LIMIT ? `VM events in view: ${full(events.length)} (the first ${LIST_LIMIT} listed; zoom in to list the others)` : `VM events in view: ${full(events.length)}`;
  const head = el('tr', {}, ...['', 'event', 'kind', 'pid', 'address', 'instructions', 'outcome'].map((h) => el('th', { scope: 'col' }, h)));
  const table = el('table', { class: 'event-list' }, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...rows));
  table.addEventListener('keydown', (k) => moveFocus(table, k));
  return table;
}

/** Up/Down/Home/End move the focus (and the tab stop) between the rows' buttons. */
function moveFocus(table: HTMLTableElement, k: KeyboardEvent): void {
  const buttons = Array.from(table.querySelectorAll<HTMLButtonElement>('button.travel'));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const to = k.key === 'ArrowDown' ? at + 1 : k.key === 'ArrowUp' ? at - 1 : k.key === 'Home' ? 0 : k.key === 'End' ? buttons.length - 1 : undefined;
  if (to === undefined) return;
  k.preventDefault();
  const next = buttons[Math.max(0, Math.min(buttons.length - 1, to))];
  for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
  next.focus();
}
