// Reading what a canvas chart of a webview drew: the colour of a pixel at a page position, and
// where along a column a colour is, so tests check the drawing itself rather than its options.
import type { Page } from 'playwright-core';

/** An RGB colour. */
export type Rgb = [number, number, number];

/** Distance between two colours (0 for equal). */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/**
 * The pixels of the canvas inside `figureSelector` along the page column `pageX`, from page y `top`
 * to `bottom` (CSS pixels), one RGB value per CSS pixel row.
 */
export async function canvasColumn(page: Page, figureSelector: string, pageX: number, top: number, bottom: number): Promise<Rgb[]> {
  return page.evaluate(
    ([sel, x, y0, y1]) => {
      const canvas = document.querySelector(`${sel} canvas`) as HTMLCanvasElement;
      const r = canvas.getBoundingClientRect();
      const scale = canvas.width / r.width;
      const ctx = canvas.getContext('2d')!;
      const out: [number, number, number][] = [];
      for (let y = Math.ceil(y0); y <= y1; y++) {
        const d = ctx.getImageData(Math.floor((x - r.left) * scale), Math.floor((y - r.top) * scale), 1, 1).data;
        out.push([d[0], d[1], d[2]]);
      }
      return out;
    },
    [figureSelector, pageX, top, bottom] as const,
  );
}

/** The page y (within [top, bottom]) where the column at `pageX` is nearest to `colour`, with that distance. */
export async function nearestRow(page: Page, figureSelector: string, pageX: number, top: number, bottom: number, colour: Rgb): Promise<{ y: number; distance: number }> {
  const column = await canvasColumn(page, figureSelector, pageX, top, bottom);
  let best = { y: NaN, distance: Infinity };
  column.forEach((c, i) => {
    const distance = colourDistance(c, colour);
    if (distance < best.distance) best = { y: Math.ceil(top) + i, distance };
  });
  return best;
}
