// VM exception breakpoints over a real DAP stream: stack growth with the faulting address and
// rsp, copy-on-write in the right process, eviction under memory pressure (stopped exactly at the
// eviction, in the middle of the fault, then at its swap-out), a swapped-out page read from its
// slot, and a condition over an event's fields.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { FrameTableView, SptEntryView, VmEventView } from '../../src/shared/vm-views';
import { AdapterSession, buildAdapter, sample } from './harness';

describe('adapter: VM exception breakpoints', function () {
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  /** Launches `program` with only the given VM filters on, and waits for the first stop. */
  async function stopOn(args: Record<string, unknown>, filterOptions: DebugProtocol.ExceptionFilterOptions[]): Promise<DebugProtocol.StoppedEvent> {
    await s.launch(args, () => s.dc.setExceptionBreakpointsRequest({ filters: [], filterOptions }));
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'exception');
    return stop;
  }

  /** The most recent kernel event of `kind` matching `accept`. */
  async function lastEvent(kind: string, accept: (e: VmEventView) => boolean = () => true): Promise<VmEventView> {
    const r = await s.dc.customRequest('pintos/events', { kinds: [kind] });
    const events = (r.body as { events: VmEventView[] }).events.filter(accept);
    assert.ok(events.length > 0, `a ${kind} event was recorded`);
    return events[events.length - 1];
  }

  /** All text of exceptionInfo for thread `threadId`. */
  async function exceptionText(threadId: number): Promise<string> {
    const info = (await s.dc.exceptionInfoRequest({ threadId })).body;
    return `${info.exceptionId} ${info.description ?? ''} ${info.details?.message ?? ''}`;
  }

  it('stops on stack growth and reports the faulting address and rsp', async () => {
    const stop = await stopOn({ program: sample('stack-grow') }, [{ filterId: 'stack-growth' }]);
    const fault = await lastEvent('page-fault', (e) => e.resolution === 'stack-growth');
    assert.equal(fault.pid, stop.body.threadId);
    const addr = (fault.addr as number).toString(16);
    const rsp = (fault.rsp as number).toString(16);
    assert.match(stop.body.description ?? '', new RegExp(addr, 'i'));
    const text = await exceptionText(stop.body.threadId!);
    assert.match(text, new RegExp(addr, 'i'));
    assert.match(text, new RegExp(rsp, 'i'));
    assert.match(text, /rsp/i);
  });

  it('stops on copy-on-write in the process that wrote', async () => {
    const stop = await stopOn({ program: sample('fork-cow') }, [{ filterId: 'copy-on-write' }]);
    const copy = await lastEvent('page-fault', (e) => e.resolution === 'cow-copy' || e.resolution === 'cow-reuse');
    assert.equal(stop.body.threadId, copy.pid);
    const threads = (await s.dc.threadsRequest()).body.threads;
    assert.ok(threads.some((t) => t.id === copy.pid), 'the writer is a live thread');
    assert.ok(threads.length >= 2, 'parent and child exist');
    assert.match(await exceptionText(copy.pid), new RegExp((copy.addr as number).toString(16), 'i'));
  });

  it('stops on copy-on-write only in a child when the condition says so', async () => {
    const first = await stopOn({ program: sample('fork-cow') }, [{ filterId: 'copy-on-write', condition: 'pid != 1' }]);
    const threads = (await s.dc.threadsRequest()).body.threads;
    const writer = threads.find((t) => t.id === first.body.threadId);
    assert.match(writer?.name ?? '', /child-\d$/);
  });

  it('reads a swapped-out page from its swap slot, unchanged and without swapping it in', async () => {
    const stop = await stopOn({ program: sample('pressure'), args: ['4'], memoryMB: 2 }, [{ filterId: 'swap-out' }]);
    const out = await lastEvent('swap-out');
    const page = out.page as number;
    const pid = stop.body.threadId!;
    const spt = async () => ((await s.dc.customRequest('pintos/spt', { pid })).body as { entries: SptEntryView[] }).entries.find((e) => e.va === page);
    assert.equal((await spt())?.state, 'in-swap');
    const memoryReference = `0x${page.toString(16)}`;
    const read = (await s.raw('readMemory', { memoryReference, count: 4096 })) as DebugProtocol.ReadMemoryResponse;
    assert.equal(read.success, true, read.message);
    assert.equal(read.body?.unreadableBytes ?? 0, 0, 'the page reads from its slot');
    const fromSlot = Buffer.from(read.body?.data ?? '', 'base64');
    assert.equal(fromSlot.length, 4096);
    assert.ok(fromSlot.some((b) => b !== 0), 'the page holds the pattern, not zeros');
    const frame = (await s.frames(pid))[0];
    const word = await s.dc.evaluateRequest({ expression: `*(unsigned long *)${memoryReference}`, frameId: frame.id, context: 'watch' });
    assert.equal(word.body.result, `${fromSlot.readBigUInt64LE(0)} (in swap slot ${out.slot as number})`);
    assert.equal((await spt())?.state, 'in-swap', 'reading did not swap the page in');
    await s.dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'swap-in', condition: `page == ${page}` }] });
    await s.dc.continueRequest({ threadId: pid });
    const back = await s.nextStop();
    assert.equal(back.body.reason, 'exception');
    assert.equal((await lastEvent('swap-in')).page, page);
    assert.equal((await spt())?.state, 'in-frame');
    const resident = (await s.raw('readMemory', { memoryReference, count: 4096 })) as DebugProtocol.ReadMemoryResponse;
    assert.deepEqual(Buffer.from(resident.body?.data ?? '', 'base64'), fromSlot, 'what the slot showed is what came back');
  });

  it('stops at an eviction before the victim is saved, then at its swap-out, in the middle of the fault', async () => {
    const stop = await stopOn({ program: sample('pressure'), args: ['4'], memoryMB: 2 }, [{ filterId: 'eviction' }, { filterId: 'swap-out' }]);
    const eviction = await lastEvent('eviction');
    assert.match(stop.body.description ?? '', /^Eviction/);
    const pid = stop.body.threadId!;
    const victim = eviction.page as number;
    const frameIndex = eviction.frame as number;
    const sptEntry = async (owner: number, va: number) =>
      ((await s.dc.customRequest('pintos/spt', { pid: owner })).body as { entries: SptEntryView[] }).entries.find((e) => e.va === va - (va % 4096));
    const frame = async () => ((await s.dc.customRequest('pintos/frames', {})).body as FrameTableView).frames.find((f) => f.index === frameIndex);
    const kernelFrame = async () => (await s.frames(pid))[0].name;

    const top = await kernelFrame();
    const m = /^\[kernel\] page fault at (0x[0-9a-f]+): evicting frame (\d+) \(page (0x[0-9a-f]+) of pid (\d+)\)$/.exec(top);
    assert.ok(m, `the top frame names the kernel work: ${top}`);
    assert.deepEqual([Number(m[2]), Number(m[3]), Number(m[4])], [frameIndex, victim, eviction.victimPid]);
    const faulting = Number(m[1]);
    const atEviction = await sptEntry(eviction.victimPid as number, victim);
    assert.equal(atEviction?.state, 'in-frame', 'the victim is still resident');
    assert.equal(atEviction?.frame, frameIndex);
    assert.deepEqual((await frame())?.owners, [{ pid: eviction.victimPid, page: victim }], 'the frame still holds the victim');
    assert.notEqual((await sptEntry(pid, faulting))?.state, 'in-frame', 'the faulting page is not loaded yet');
    const events = (await s.dc.customRequest('pintos/events', {})).body as { events: VmEventView[] };
    assert.equal(events.events[events.events.length - 1].kind, 'eviction', 'nothing happened after the eviction');

    await s.dc.continueRequest({ threadId: pid });
    const next = await s.nextStop();
    assert.match(next.body.description ?? '', /^Swap-out/);
    const out = await lastEvent('swap-out');
    assert.equal(out.page, victim);
    assert.equal(out.frame, frameIndex);
    const atSwapOut = await sptEntry(eviction.victimPid as number, victim);
    assert.equal(atSwapOut?.state, 'in-swap', 'the victim is in its swap slot');
    assert.equal(atSwapOut?.swapSlot, out.slot);
    assert.deepEqual((await frame())?.owners, [], 'the frame holds no page, and is not free yet');
    assert.notEqual((await sptEntry(pid, faulting))?.state, 'in-frame', 'the faulting page is still not loaded');
    assert.match(await kernelFrame(), new RegExp(`^\\[kernel\\] page fault at ${m[1]}: evicting frame ${frameIndex}: its page is saved$`));
  });

  it('stops on eviction in the pressure sample with little memory', async () => {
    const stop = await stopOn({ program: sample('pressure'), args: ['4'], memoryMB: 2 }, [{ filterId: 'eviction' }]);
    const eviction = await lastEvent('eviction');
    assert.equal(stop.body.threadId, eviction.pid);
    const frames = (await s.dc.customRequest('pintos/frames', {})).body as { capacity: number; used: number };
    assert.ok(frames.used >= frames.capacity - 1, 'memory is full when a page is evicted');
    assert.match(await exceptionText(stop.body.threadId!), /evict/i);
  });
});
