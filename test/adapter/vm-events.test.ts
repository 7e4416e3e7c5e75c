// VM exception breakpoints over a real DAP stream: stack growth with the faulting address and
// rsp, copy-on-write in the right process, eviction under memory pressure, a swapped-out page read
// from its slot, and a condition over an event's fields.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { SptEntryView, VmEventView } from '../../src/shared/vm-views';
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

  it('stops on eviction in the pressure sample with little memory', async () => {
    const stop = await stopOn({ program: sample('pressure'), args: ['4'], memoryMB: 2 }, [{ filterId: 'eviction' }]);
    const eviction = await lastEvent('eviction');
    assert.equal(stop.body.threadId, eviction.pid);
    const frames = (await s.dc.customRequest('pintos/frames', {})).body as { capacity: number; used: number };
    assert.ok(frames.used >= frames.capacity - 1, 'memory is full when a page is evicted');
    assert.match(await exceptionText(stop.body.threadId!), /evict/i);
  });
});
