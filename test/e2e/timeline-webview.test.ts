// The Fault Timeline panel rendered in Chromium with data of a real kernel run (pressure in 20
// MiB, evicting and swapping): counts drawn as step lines in the theme's colours over the panel's
// width, one row of event marks per kind with hover details, zoom and pan shared by the charts,
// a click or the keyboard list asking the extension to travel to an event, and a theme change
// repainting the charts. The checks read the canvases' pixels, not the chart options.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { PanelData } from '../../src/shared/webview-messages';
import type { VmEventView } from '../../src/shared/vm-views';
import { makeFixture, type VmFixture } from './fixtures/vm-fixtures';
import { launchChromium } from './support/browser';
import { nearestRow, type Rgb } from './support/chart-pixels';
import { openWebview, postedBy, sendToWebview } from './support/webview-page';

const DARK: Rgb[] = [
  [0, 120, 255],
  [255, 140, 0],
  [0, 200, 80],
  [160, 60, 220],
  [230, 30, 30],
  [230, 200, 0],
  [0, 200, 200],
  [200, 0, 200],
];
const LIGHT: Rgb[] = DARK.map(([r, g, b]) => [Math.round(r / 2), Math.round(g / 2), Math.round(b / 2)]);
const VARIABLES = ['charts-blue', 'charts-orange', 'charts-green', 'charts-purple', 'charts-red', 'charts-yellow', 'terminal-ansiCyan', 'terminal-ansiMagenta'];

/** A stylesheet giving each theme class its palette, as VS Code does when the theme changes. */
function themeRules(): string {
  const rules = (cls: string, palette: Rgb[], fg: string, bg: string) => `body.${cls} { --vscode-foreground: ${fg}; --vscode-editor-background: ${bg}; ${palette.map((c, i) => `--vscode-${VARIABLES[i]}: rgb(${c.join(', ')});`).join(' ')} }`;
  return `${rules('vscode-dark', DARK, 'rgb(220, 220, 220)', 'rgb(30, 30, 30)')}\n${rules('vscode-light', LIGHT, 'rgb(20, 20, 20)', 'rgb(255, 255, 255)')}`;
}

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
  xMin: number;
  xMax: number;
}

/** The plot area (page CSS pixels) and x range of the chart in figure number `n`. */
async function plot(page: Page, n: number): Promise<Plot> {
  return page.evaluate((i) => {
    const fig = document.querySelectorAll<HTMLElement>('figure.chart')[i];
    const r = fig.querySelector('.u-over')!.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height, xMin: Number(fig.dataset.xMin), xMax: Number(fig.dataset.xMax) };
  }, n);
}

const pageX = (p: Plot, v: number) => p.left + ((v - p.xMin) / (p.xMax - p.xMin)) * p.width;
const ranges = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('figure.chart')).map((f) => [Number(f.dataset.xMin), Number(f.dataset.xMax)]));

async function renders(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => Number(document.body.dataset.renderCount ?? '0') >= k, n);
}

describe('fault timeline webview (Chromium, kernel data)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let run: VmFixture;
  let data: PanelData['timeline'];
  /** event kinds in the order of their first event: the chart's rows, bottom up */
  let kinds: string[];

  before(async () => {
    run = makeFixture('pressure', ['12'], 20, 1_600_000, 50_000);
    data = { stats: run.stats, processes: run.processes, events: run.events };
    kinds = [...new Set(run.events.map((e) => e.kind))];
    browser = await launchChromium();
  });
  after(async () => browser?.close());
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 1300 } });
    await openWebview(page, 'timeline');
    await page.addStyleTag({ content: themeRules() });
    await page.evaluate(() => document.body.classList.add('vscode-dark'));
    await sendToWebview(page, { type: 'update', data, running: true });
    await renders(page, 1);
  });
  afterEach(async () => page?.close());

  /** Checks the lazy-anon faults series (colour 0) is a step line in `colour` where it rises most between two samples. */
  async function assertStepLine(colour: Rgb): Promise<void> {
    const p = await plot(page, 0);
    const t = run.stats.timeline;
    let i = 0;
    for (let k = 1; k + 1 < t.length; k++) if ((t[k + 1].faults['lazy-anon'] ?? 0) - (t[k].faults['lazy-anon'] ?? 0) > (t[i + 1].faults['lazy-anon'] ?? 0) - (t[i].faults['lazy-anon'] ?? 0)) i = k;
    const [x0, x1] = [pageX(p, t[i].icount), pageX(p, t[i + 1].icount)];
    const rows = [];
    for (const x of [x0 + 3, (x0 + x1) / 2, x1 - 3]) {
      const found = await nearestRow(page, 'figure.chart', Math.round(x), p.top, p.top + p.height, colour);
      assert.ok(found.distance < 60, `no pixel of the series colour rgb(${colour.join(',')}) at x ${x}`);
      rows.push(found.y);
    }
    // a straight line would climb between the samples; a step stays at the first sample's value
    const rise = await nearestRow(page, 'figure.chart', Math.round(x1 + 3), p.top, p.top + p.height, colour);
    assert.ok(rows[0] - rise.y > 4, `the series should rise by more than 4 px after sample ${i + 1} (${rows[0]} → ${rise.y})`);
    assert.ok(Math.abs(rows[1] - rows[0]) <= 1 && Math.abs(rows[2] - rows[0]) <= 1, `a step line is flat between samples, rows ${rows.join(', ')}`);
  }

  it('draws the counts as step lines in the theme colours across the panel width, with a legend and the counters', async () => {
    const legend = (await page.locator('figure.chart .u-legend').allInnerTexts()).join(' | ');
    for (const name of ['lazy-anon faults', 'evictions', 'swap-ins', 'swap-outs', /pressure \(pid \d+\)/]) assert.match(legend, name instanceof RegExp ? name : new RegExp(name));
    await assertStepLine(DARK[0]);
    const last = run.stats.timeline.at(-1)!;
    assert.match((await page.locator('figure.chart').first().getAttribute('aria-label')) ?? '', new RegExp(`step lines: lazy-anon faults ${last.faults['lazy-anon'].toLocaleString('en-US')}, .*evictions ${last.evictions.toLocaleString('en-US')}`));
    const width = () => page.evaluate(() => [document.querySelector('main')!.clientWidth, ...Array.from(document.querySelectorAll('figure.chart canvas')).map((c) => c.getBoundingClientRect().width)]);
    const [main, ...canvases] = await width();
    for (const w of canvases) assert.ok(Math.abs(w - main) <= 2, `a chart ${w} px wide in a panel ${main} px wide`);
    await page.setViewportSize({ width: 800, height: 1300 });
    await page.waitForFunction(() => Math.abs(document.querySelector('figure.chart canvas')!.getBoundingClientRect().width - document.querySelector('main')!.clientWidth) <= 2);
    assert.match((await page.locator('table.counters').textContent()) ?? '', /total/);
    assert.match((await page.locator('.summary').textContent()) ?? '', /running/);
    await sendToWebview(page, { type: 'update', data, running: false });
    await renders(page, 2);
    const rendered = (await postedBy(page)).filter((m) => m.type === 'rendered');
    const items = run.stats.timeline.length + run.events.length;
    assert.deepEqual(rendered.map((m) => [m.phase, m.items]), [['first', items], ['update', items]]);
    console.log(`      fault timeline (${run.stats.timeline.length} samples, ${run.events.length} events): first render ${(rendered[0].ms as number).toFixed(1)} ms, update ${(rendered[1].ms as number).toFixed(1)} ms`);
  });

  it('draws one row of event marks per kind in its colour, with hover details; a click asks to travel there', async () => {
    const label = (await page.locator('figure.chart').nth(2).getAttribute('aria-label')) ?? '';
    for (const kind of kinds) assert.match(label, new RegExp(`${run.events.filter((e) => e.kind === kind).length} ${kind}\\b`));
    const p = await plot(page, 2);
    const rowY = (kind: string) => p.top + p.height - ((kinds.indexOf(kind) + 0.5) / kinds.length) * p.height;
    for (const kind of kinds) {
      const e = run.events.find((x) => x.kind === kind)!;
      const found = await nearestRow(page, 'figure.chart:nth-of-type(3)', Math.round(pageX(p, e.icount)), rowY(kind) - 3, rowY(kind) + 3, DARK[kinds.indexOf(kind) % 8]);
      assert.ok(found.distance < 60, `no ${kind} mark at event #${e.seq}`);
    }
    // zoom in with the wheel over the newest events until page faults are far apart
    await page.mouse.move(p.left + p.width * 0.8, p.top + p.height / 2);
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -100);
    await page.waitForFunction(() => document.querySelector('.range')?.textContent?.includes('zoomed'));
    const z = await plot(page, 2);
    const faults = run.events.filter((e) => e.kind === 'page-fault' && e.icount > z.xMin && e.icount < z.xMax);
    const lonely = faults.find((e) => faults.every((o) => o === e || Math.abs(pageX(z, o.icount) - pageX(z, e.icount)) > 8));
    assert.ok(lonely, `a page fault with no other within 8 px among ${faults.length}`);
    await page.mouse.move(pageX(z, lonely.icount), rowY('page-fault'));
    const tip = page.locator('.event-tip');
    await tip.waitFor({ state: 'visible' });
    const text = await tip.innerText();
    assert.match(text, new RegExp(`#${lonely.seq} page-fault`));
    assert.match(text, new RegExp(`pid ${lonely.pid}`));
    assert.match(text, new RegExp(`address 0x${(lonely.addr as number).toString(16)}`));
    assert.match(text, new RegExp(`after ${lonely.icount.toLocaleString('en-US')} instructions`));
    await page.mouse.click(pageX(z, lonely.icount), rowY('page-fault'));
    assert.deepEqual((await postedBy(page)).filter((m) => m.type === 'travelToEvent'), [{ type: 'travelToEvent', seq: lonely.seq }]);
  });

  it('zooms by dragging, the wheel and the keys, pans, and resets, with every chart on the same x range', async () => {
    const [full] = await ranges(page);
    const p = await plot(page, 0);
    await page.mouse.move(p.left + p.width * 0.6, p.top + 20);
    await page.mouse.down();
    await page.mouse.move(p.left + p.width * 0.7, p.top + 30, { steps: 5 });
    await page.mouse.move(p.left + p.width * 0.85, p.top + 40, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector('.range')?.textContent?.includes('zoomed'));
    const dragged = await ranges(page);
    const span = full[1] - full[0];
    const px = span / p.width;
    assert.ok(Math.abs(dragged[0][0] - (full[0] + span * 0.6)) < 3 * px && Math.abs(dragged[0][1] - (full[0] + span * 0.85)) < 3 * px, `drag zoomed to ${dragged[0].join('–')}`);
    for (const r of dragged) assert.deepEqual(r, dragged[0], 'every chart shows the same range');
    const saved = () => page.evaluate(() => (window as unknown as { state?: { zoom?: { min: number; max: number } } }).state?.zoom);
    assert.deepEqual(await saved(), { min: dragged[0][0], max: dragged[0][1] }, 'the zoom is kept in the webview state (hide/show)');
    const listed = async () => Number(/in view: ([\d,]+)/.exec((await page.locator('.event-list caption').textContent()) ?? '')?.[1].replace(/,/g, ''));
    const inWindow = run.events.filter((e) => e.icount >= dragged[0][0] && e.icount <= dragged[0][1]).length;
    assert.ok(inWindow > 0 && inWindow < run.events.length);
    assert.equal(await listed(), inWindow);

    await page.locator('figure.chart').first().focus();
    await page.keyboard.press('+');
    const zoomedIn = (await ranges(page))[0];
    assert.ok(zoomedIn[1] - zoomedIn[0] < dragged[0][1] - dragged[0][0], 'the + key zooms in');
    await page.keyboard.press('ArrowLeft');
    const panned = (await ranges(page))[0];
    assert.ok(panned[0] < zoomedIn[0] && Math.abs(panned[1] - panned[0] - (zoomedIn[1] - zoomedIn[0])) < 1, 'ArrowLeft pans to earlier instructions');
    await page.mouse.move(p.left + p.width / 2, p.top + 20);
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, 100);
    await page.keyboard.up('Shift');
    await page.waitForFunction((m) => Number(document.querySelector<HTMLElement>('figure.chart')!.dataset.xMin) > m, panned[0]);
    for (const r of await ranges(page)) assert.deepEqual(r, (await ranges(page))[0]);

    await page.mouse.dblclick(p.left + p.width / 2, p.top + 20);
    await page.waitForFunction(() => document.querySelector('.range')?.textContent?.includes('(all)'));
    for (const r of await ranges(page)) assert.deepEqual(r, full);
    assert.equal(await page.locator('button.reset').isDisabled(), true);
    assert.equal(await saved(), undefined);
  });

  it('reaches the event marks from the keyboard: the list under the chart, arrows move, Enter travels', async () => {
    const first = page.locator('.event-list button.travel').first();
    await first.focus();
    const events = run.events;
    const aria = (await first.getAttribute('aria-label')) ?? '';
    assert.ok(aria.startsWith(`Travel to event #${events[0].seq} ${events[0].kind}, pid ${events[0].pid}`), aria);
    assert.match(aria, new RegExp(`after ${events[0].icount.toLocaleString('en-US')} instructions`));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => Number((document.activeElement as HTMLElement).dataset.seq));
    assert.equal(focused, events[2].seq);
    assert.equal(await page.locator('.event-list button.travel[tabindex="0"]').count(), 1, 'one tab stop in the list');
    await page.keyboard.press('Enter');
    assert.deepEqual((await postedBy(page)).filter((m) => m.type === 'travelToEvent'), [{ type: 'travelToEvent', seq: events[2].seq }]);
  });

  it('repaints the charts in the new theme colours when the body class changes', async () => {
    await page.evaluate(() => document.body.classList.replace('vscode-dark', 'vscode-light'));
    await renders(page, 2);
    await assertStepLine(LIGHT[0]);
    const e = run.events.find((x: VmEventView) => x.kind === kinds[1])!;
    const p = await plot(page, 2);
    const y = p.top + p.height - (1.5 / kinds.length) * p.height;
    const found = await nearestRow(page, 'figure.chart:nth-of-type(3)', Math.round(pageX(p, e.icount)), y - 3, y + 3, LIGHT[1]);
    assert.ok(found.distance < 60, `the ${kinds[1]} marks repainted in the light palette`);
  });
});
