// The extension's pure helpers: ELF recognition, throttling, SPT grouping, path resolution,
// page descriptions, event summaries, the webview message check.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isPintosExecutable } from '../../../src/extension/elf-probe';
import { describePage, loadEventOf, shortCount } from '../../../src/extension/format';
import { resolveLaunchPaths } from '../../../src/extension/launch-paths';
import { throttle } from '../../../src/extension/throttle';
import { eventPage, eventSummary } from '../../../src/extension/views/event-labels';
import { groupSpt } from '../../../src/extension/views/spt-groups';
import type { SptEntryView, VmEventView } from '../../../src/shared/vm-views';
import { isWebviewMessage } from '../../../src/shared/webview-messages';

const ROOT = path.resolve(__dirname, '../../..');
const page = (va: number, region: string, extra: Partial<SptEntryView> = {}): SptEntryView => ({ va, kind: 'anon', region, writable: true, state: 'in-frame', frame: 3, accessed: true, dirty: false, cow: false, ...extra });

describe('extension helpers', () => {
  it('recognises x86-64 executables by their header only', () => {
    assert.ok(isPintosExecutable(readFileSync(path.join(ROOT, 'userprogs/build/hello'))));
    assert.ok(!isPintosExecutable(readFileSync(path.join(ROOT, 'userprogs/src/hello.c'))));
    const obj = Uint8Array.from(readFileSync(path.join(ROOT, 'userprogs/build/hello')));
    obj[16] = 1;
    assert.ok(!isPintosExecutable(obj), 'a relocatable object is not a program');
    assert.ok(!isPintosExecutable(new Uint8Array(4)));
  });

  it('throttles to one call per interval, never losing the last', () => {
    let now = 0;
    const timers: { at: number; f: () => void }[] = [];
    const calls: number[] = [];
    const t = throttle(() => calls.push(now), () => 100, {
      now: () => now,
      setTimeout: (f, ms) => timers.push({ at: now + ms, f }),
      clearTimeout: () => timers.splice(0),
    });
    t.request();
    now = 10;
    t.request();
    t.request();
    assert.deepEqual(calls, [0]);
    now = 100;
    timers.shift()!.f();
    assert.deepEqual(calls, [0, 100]);
    now = 120;
    t.request();
    t.flush();
    assert.deepEqual(calls, [0, 100, 120]);
    assert.equal(timers.length, 0);
  });

  it('groups the SPT into code, data/bss, stack and one group per mmap', () => {
    const groups = groupSpt([
      page(0x4747f000, 'stack'),
      page(0x10000000, 'mmap', { kind: 'file', mapping: 0x10000000, file: 'a.txt' }),
      page(0x404000, 'bss'),
      page(0x400000, 'code', { writable: false }),
      page(0x403000, 'data'),
      page(0x10001000, 'mmap', { kind: 'file', mapping: 0x10000000, file: 'a.txt' }),
      page(0x20000000, 'mmap', { kind: 'file', mapping: 0x20000000, file: 'b.txt' }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.label, g.entries.length]),
      [
        ['code', 1],
        ['data / bss', 2],
        ['stack', 1],
        ['mmap 0x10000000 (a.txt)', 2],
        ['mmap 0x20000000 (b.txt)', 1],
      ],
    );
  });

  it('describes a page by place, kind, permission, bits and sharing', () => {
    assert.equal(describePage(page(0x400000, 'code', { kind: 'uninit', target: 'file', state: 'not-loaded', writable: false })), 'not loaded · uninit→file · ro');
    assert.equal(describePage(page(0x404000, 'data', { dirty: true, cow: true, cowShares: 2 })), 'frame 3 · anon · rw · AD · COW×2');
    assert.equal(describePage(page(0x405000, 'data', { state: 'in-swap', swapSlot: 7 })), 'swap slot 7 · anon · rw');
    assert.equal(loadEventOf(page(0, 'code', { loadSeq: 12 })), 12);
    assert.equal(loadEventOf(page(0, 'code', { loadedBy: 5 })), 5);
  });

  it('resolves launch paths against the working directory', () => {
    const r = resolveLaunchPaths({ program: 'build/hello', files: ['a', { host: '/abs/b', guest: 'b' }], trace: 't.jsonl', stdin: 'text' }, '/ws');
    assert.deepEqual(r, { program: '/ws/build/hello', files: ['/ws/a', { host: '/abs/b', guest: 'b' }], trace: '/ws/t.jsonl', stdin: 'text', cwd: '/ws' });
  });

  it('summarises events and finds their page', () => {
    const fault = { seq: 9, icount: 100, pid: 3, rip: 0x401000, kind: 'page-fault', addr: 0x4747bf6c, write: true, user: true, fetch: false, resolution: 'stack-growth' } as VmEventView;
    assert.equal(eventSummary(fault), 'stack-growth at 0x4747bf6c (write)');
    assert.deepEqual(eventPage(fault), { pid: 3, va: 0x4747b000 });
    const eviction = { seq: 10, icount: 200, pid: 3, rip: 0, kind: 'eviction', victimPid: 4, page: 0x404000, frame: 7, dirty: true } as VmEventView;
    assert.deepEqual(eventPage(eviction), { pid: 4, va: 0x404000 });
    assert.equal(eventSummary(eviction), 'pid 4 page 0x404000 from frame 7, dirty');
  });

  it('accepts only well-formed webview messages', () => {
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'revealPage', pid: 1, va: 4096 }));
    assert.ok(!isWebviewMessage({ type: 'revealPage', pid: '1', va: 4096 }));
    assert.ok(!isWebviewMessage({ type: 'walk', va: -1 }));
    assert.ok(!isWebviewMessage({ type: 'rendered', phase: 'later', ms: 1, items: 1 }));
    assert.ok(!isWebviewMessage('ready'));
  });
  it('shortens instruction counts for the status bar', () => {
    assert.deepEqual([0, 950, 12_345, 4_560_000, 99_900_000, 1_234_000_000].map(shortCount), ['0', '950', '12.3 K', '4.56 M', '99.9 M', '1.23 G']);
  });
});
