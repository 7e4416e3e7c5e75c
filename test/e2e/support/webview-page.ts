// Loads one bundled webview (media/dist/<panel>.js with its stylesheets) into a plain Chromium
// page with a stand-in for VS Code's webview API that records what the script posts, so the
// panels can be rendered with fixture data and measured outside VS Code.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { HostMessage, PanelKind } from '../../../src/shared/webview-messages';

const MEDIA = path.resolve(__dirname, '../../../media');
const FOLDERS: Record<PanelKind, string> = { pageTable: 'page-table', frameMap: 'frame-map', swapMap: 'swap-map', timeline: 'timeline' };
/** The panel's stylesheet as panel-html.ts links it: its own, or the one bundled beside its script. */
const STYLESHEETS: Record<PanelKind, string> = { pageTable: 'page-table/style.css', frameMap: 'frame-map/style.css', swapMap: 'swap-map/style.css', timeline: 'dist/timeline.css' };

/** Opens panel `kind` in `page`; resolves when its script has posted `ready`. */
export async function openWebview(page: Page, kind: PanelKind): Promise<void> {
  const folder = FOLDERS[kind];
  await page.setContent(`<!DOCTYPE html><html><head><style>${readFileSync(path.join(MEDIA, 'common/base.css'), 'utf8')}\n${readFileSync(path.join(MEDIA, STYLESHEETS[kind]), 'utf8')}</style></head><body data-panel="${kind}"><main id="app"></main></body></html>`);
  // a string, not a function: the test runner's transpiler would add helpers the page lacks
  await page.evaluate(`(() => {
    window.posted = [];
    window.state = undefined;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => window.state, setState: (s) => { window.state = s; } });
  })()`);
  await page.addScriptTag({ content: readFileSync(path.join(MEDIA, 'dist', `${folder}.js`), 'utf8') });
  await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
}

/** Delivers a host message to the page's webview script. */
export async function sendToWebview(page: Page, message: HostMessage): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
}

/** Messages the webview posted so far. */
export function postedBy(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { posted: { type: string }[] }).posted);
}
