// From the Fault Timeline a click travels to that event, in a real VS Code (code-server +
// Chromium): stack-grow runs to its end stop, the Fault Timeline panel shows its VM events as
// marks; clicking a page-fault mark stops the session at that event (the Call Stack says so and
// the VM Events view ends at it), and the keyboard list under the chart travels to an earlier one.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { sampleWorkspaceCopy } from './support/code-server';
import { eventually, pausedOn } from './support/debug';
import { useWorkbench } from './support/suite';
import { openContainer, pickQuickItem, runCommand, snap, viewRows, webviewFrame } from './support/workbench';

const CONFIG = 'stack-grow to the end';
const LAUNCH = { version: '0.2.0', configurations: [{ type: 'pintos', request: 'launch', name: CONFIG, program: '${workspaceFolder}/userprogs/build/stack-grow' }] };

/** A copy of the sample workspace whose launch configuration runs stack-grow to its end stop. */
function workspace(): string {
  const dir = sampleWorkspaceCopy();
  writeFileSync(path.join(dir, '.vscode', 'launch.json'), JSON.stringify(LAUNCH, null, 2));
  return dir;
}

/** The newest event number the VM Events view lists. */
async function newestEvent(page: Page): Promise<number> {
  await openContainer(page, 'Pintos VM');
  const rows = await viewRows(page, 'VM Events');
  return Math.max(0, ...rows.map((r) => Number(/#(\d+)/.exec(r)?.[1] ?? 0)));
}

/** Where event `icount` of row `row` is drawn, relative to the events chart's plot area (CSS pixels). */
async function markPosition(timeline: Frame, icount: number, row: string): Promise<{ x: number; y: number }> {
  return timeline.evaluate(
    ([at, kind]) => {
      const fig = document.querySelectorAll<HTMLElement>('figure.chart')[2];
      const over = fig.querySelector('.u-over')!.getBoundingClientRect();
      // the accessible label lists the rows bottom up: "... one row per kind: 3 page-fault, 1 exit"
      const kinds = (/one row per kind: (.*)$/.exec(fig.getAttribute('aria-label') ?? '')?.[1] ?? '').split(', ').map((s) => s.replace(/^\d+ /, ''));
      const min = Number(fig.dataset.xMin);
      const max = Number(fig.dataset.xMax);
      return { x: ((at - min) / (max - min)) * over.width, y: over.height - ((kinds.indexOf(kind) + 0.5) / kinds.length) * over.height };
    },
    [icount, row] as const,
  );
}

/**
 * Shows the Fault Timeline (the stop's source may have covered it: a hidden webview is dropped)
 * and returns its frame once it shows the events up to `seq`.
 */
async function showTimeline(page: Page, seq: number): Promise<Frame> {
  await runCommand(page, 'Pintos: Show Fault Timeline');
  const frame = await webviewFrame(page, 'timeline');
  await frame.waitForFunction((n) => document.querySelector('.summary')?.textContent?.includes(`(up to #${n})`), seq, { timeout: 30_000 });
  return frame;
}

/** The seq, instruction count and kind of the rows of the timeline's event list. */
async function listedEvents(timeline: Frame): Promise<{ seq: number; icount: number; kind: string }[]> {
  return timeline.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.event-list tbody tr')).map((tr) => {
      const cells = tr.querySelectorAll('td');
      return { seq: Number(tr.dataset.seq), kind: cells[2].textContent ?? '', icount: Number((cells[5].textContent ?? '').replace(/,/g, '')) };
    }),
  );
}

describe('fault timeline travels in time (code-server)', function () {
  this.timeout(10 * 60_000);
  let page: Page;
  /** the Fault Timeline's frame (found again after each stop) */
  let timeline: Frame;
  let travelledTo = 0;
  const workbench = useWorkbench(workspace, { height: 1000, ready: (p) => openContainer(p, 'Pintos VM') });

  before(() => {
    page = workbench.page;
  });

  it('clicking a page-fault mark stops the session at that event', async () => {
    await runCommand(page, 'Debug: Select and Start Debugging');
    await pickQuickItem(page, CONFIG);
    await pausedOn(page, /Program ended: exit\(0\)/);
    const lastEvent = await eventually(page, 'the VM Events view to list the events', async () => (await newestEvent(page)) || undefined);
    timeline = await showTimeline(page, lastEvent);
    const faults = (await listedEvents(timeline)).filter((e) => e.kind === 'page-fault');
    assert.ok(faults.length >= 3, `page faults listed: ${faults.length}`);
    const aim = faults[Math.floor(faults.length / 2)];
    const over = timeline.locator('figure.chart').nth(2).locator('.u-over');
    // zoom in with the wheel around the aimed fault until its neighbours are apart
    for (let i = 0; i < 12; i++) {
      await over.hover({ position: await markPosition(timeline, aim.icount, 'page-fault') });
      const before = await over.evaluate((o) => o.closest('figure')!.getAttribute('data-x-max'));
      await page.mouse.wheel(0, -100);
      await timeline.waitForFunction((b) => document.querySelectorAll('figure.chart')[2].getAttribute('data-x-max') !== b, before);
    }
    const at = await markPosition(timeline, aim.icount, 'page-fault');
    await over.hover({ position: { x: at.x + 20, y: at.y } });
    await over.hover({ position: at });
    const tip = timeline.locator('.event-tip');
    await tip.waitFor({ state: 'visible' });
    const seq = Number(/^#(\d+) page-fault/.exec(await tip.innerText())?.[1]);
    assert.ok(seq > 0 && seq < lastEvent, `the mark under the pointer: ${await tip.innerText()}`);
    await snap(page, '90-timeline-mark-hover');
    await over.click({ position: at });
    await pausedOn(page, new RegExp(`Travelled to event #${seq} \\(page-fault\\)`));
    await eventually(page, `the VM Events view to end at #${seq}`, async () => (await newestEvent(page)) === seq);
    timeline = await showTimeline(page, seq);
    travelledTo = seq;
    await snap(page, '91-timeline-travelled');
  });

  it('Enter on an event of the list under the chart travels to it', async () => {
    assert.ok(travelledTo > 0, 'the previous test travelled');
    const earlier = (await listedEvents(timeline)).filter((e) => e.kind === 'page-fault' && e.seq < travelledTo);
    assert.ok(earlier.length > 0, 'an earlier page fault is listed');
    const target = earlier[0];
    const button = timeline.locator(`.event-list button.travel[data-seq="${target.seq}"]`);
    assert.match((await button.getAttribute('aria-label')) ?? '', new RegExp(`^Travel to event #${target.seq} page-fault, pid \\d+, address 0x[0-9a-f]+`));
    await button.focus();
    await button.press('Enter');
    await pausedOn(page, new RegExp(`Travelled to event #${target.seq} \\(page-fault\\)`));
    await eventually(page, `the VM Events view to end at #${target.seq}`, async () => (await newestEvent(page)) === target.seq);
    await showTimeline(page, target.seq);
    await snap(page, '92-timeline-keyboard-travel');
  });
});
