// Layout faults a reader would notice, measured in the rendered page: text cut off by its box
// (the box clips it, or it runs past the window's right edge), and labels drawn over one
// another. Used on screenshots of the panels and views at a fixed size.
import type { Page } from 'playwright-core';

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
