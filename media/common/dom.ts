// Small DOM helpers for the webviews: element creation without innerHTML (no markup injection)
// and render timing.
import { post } from './host';

type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates `<tag>` with attributes (false/undefined skipped) and children (strings become text). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) node.append(c);
  return node;
}

/** Creates an SVG element with attributes. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== false) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

/** `0x` + hex. */
export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/**
 * Runs `render`, forces layout, and reports the time: as `data-render-<phase>-ms` on <body> (for
 * tests) and as a `rendered` message to the extension.
 */
export function timed(phase: 'first' | 'update', items: number, render: () => void): number {
  const t0 = performance.now();
  render();
  void document.body.offsetHeight;
  const ms = performance.now() - t0;
  document.body.dataset[phase === 'first' ? 'renderFirstMs' : 'renderUpdateMs'] = ms.toFixed(2);
  document.body.dataset.renderCount = String(Number(document.body.dataset.renderCount ?? '0') + 1);
  post({ type: 'rendered', phase, ms, items });
  return ms;
}

/** Replaces the app's content with a message. */
export function showEmpty(app: HTMLElement, text: string): void {
  app.replaceChildren(el('p', { class: 'empty' }, text));
}
