// Layout faults a reader would notice, measured in the rendered page: text cut off by its box
// (the box clips it, or it runs past the window's right edge), and labels drawn over one
// another. Used on screenshots of the panels and views at a fixed size.
import type { Locator, Page } from 'playwright-core';

/** One fault: what it is and the text involved. */
export interface LayoutFault {
  kind: 'cut' | 'overlap';
  text: string;
}

// Plain JavaScript run in the page (a string: the test runner's transpiler would add helpers the
// page lacks). Takes the selector as `sel`.
const MEASURE = `(sel) => {
  const faults = [];
  const els = [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0);
  const text = (e) => (e.textContent || '').trim().slice(0, 60);
  const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  for (const e of els) {
    const style = getComputedStyle(e);
    const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
    if (clips && !scrolls(e) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) {
      faults.push({ kind: 'cut', text: text(e) });
      continue;
    }
    let scroller = e.parentElement;
    while (scroller && !scrolls(scroller)) scroller = scroller.parentElement;
    const r = e.getBoundingClientRect();
    if (!scroller && r.left + Math.max(r.width, e.scrollWidth) > document.documentElement.clientWidth + 1) faults.push({ kind: 'cut', text: text(e) });
  }
  const boxes = els.map((e) => ({ e, r: e.getBoundingClientRect() }));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 1 && h > 1) faults.push({ kind: 'overlap', text: text(a.e) + ' / ' + text(b.e) });
    }
  }
  return faults;
}`;

/**
 * The layout faults among the displayed elements matching `selector` in `page`: an element whose
 * text is wider or taller than its box while the box clips it (overflow other than visible, or an
 * ellipsis), or that reaches past the window's right edge outside a box that scrolls on purpose;
 * and two of the elements whose boxes intersect by more than a pixel while neither contains the other.
 */
export async function layoutFaults(page: Page, selector: string): Promise<LayoutFault[]> {
  return page.evaluate(`(${MEASURE})(${JSON.stringify(selector)})`);
}

// For each displayed tree row under the pane: whether its name is cut, and whether the first
// " · " part of its description (what matters most) is fully inside the row.
const TREE_ROWS = `(pane) => {
  const faults = [];
  for (const row of pane.querySelectorAll('.monaco-list-row')) {
    const name = row.querySelector('.label-name');
    const description = row.querySelector('.label-description');
    const container = row.querySelector('.monaco-icon-label-container') || row;
    const limit = Math.min(container.getBoundingClientRect().right, row.getBoundingClientRect().right);
    if (name && name.getBoundingClientRect().right > limit + 1) faults.push({ kind: 'cut', text: 'name: ' + name.textContent });
    const node = description && description.firstChild;
    if (!node || node.nodeType !== 3) continue;
    const head = node.textContent.split(' · ')[0];
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, head.length);
    if (range.getBoundingClientRect().right > limit + 1) faults.push({ kind: 'cut', text: 'description: ' + node.textContent });
  }
  return faults;
}`;

/**
 * Rows of the tree view in `pane` (a view pane of the workbench) whose name is cut off, or whose
 * description does not show at least its first " · " part (descriptions lead with what matters;
 * the rest may be cut, the tooltip has it).
 */
export async function treeRowFaults(pane: Locator): Promise<LayoutFault[]> {
  return measureElement(pane, TREE_ROWS);
}

/** Runs the measuring script `script` (a string, see MEASURE) on the element of `target`, which it
 *  finds again in the page by a mark. */
async function measureElement(target: Locator, script: string): Promise<LayoutFault[]> {
  await target.evaluate((e) => e.setAttribute('data-layout-probe', ''));
  try {
    return (await target.page().evaluate(`(${script})(document.querySelector('[data-layout-probe]'))`)) as LayoutFault[];
  } finally {
    await target.evaluate((e) => e.removeAttribute('data-layout-probe'));
  }
}

// For each displayed line of the editor: whether its text ends past the editor's visible text
// area (left of the vertical scrollbar and of the minimap, when there is one).
const EDITOR_LINES = `(editor) => {
  const faults = [];
  const guard = editor.querySelector('.overflow-guard') || editor;
  let limit = guard.getBoundingClientRect().right;
  for (const side of editor.querySelectorAll('.minimap, .scrollbar.vertical')) {
    const r = side.getBoundingClientRect();
    if (r.width > 0) limit = Math.min(limit, r.left);
  }
  for (const line of editor.querySelectorAll('.view-lines .view-line')) {
    const text = line.firstElementChild;
    if (text && text.getBoundingClientRect().right > limit + 1) faults.push({ kind: 'cut', text: (line.textContent || '').trim().slice(0, 60) });
  }
  return faults;
}`;

/** Lines of the text editor `editor` (a `.monaco-editor` element) that are wider than what it shows. */
export async function editorLineFaults(editor: Locator): Promise<LayoutFault[]> {
  return measureElement(editor, EDITOR_LINES);
}
