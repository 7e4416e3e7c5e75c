// VM exception breakpoints over a real DAP stream: stack growth with the faulting address and
// rsp, copy-on-write in the right process, eviction under memory pressure, and a condition over
// an event's fields.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { VmEventView } from '../../src/shared/vm-views';
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

  it('stops on eviction in the pressure sample with little memory', async () => {
    const stop = await stopOn({ program: sample('pressure'), args: ['4'], memoryMB: 2 }, [{ filterId: 'eviction' }]);
    const eviction = await lastEvent('eviction');
    assert.equal(stop.body.threadId, eviction.pid);
    const frames = (await s.dc.customRequest('pintos/frames', {})).body as { capacity: number; used: number };
    assert.ok(frames.used >= frames.capacity - 1, 'memory is full when a page is evicted');
    assert.match(await exceptionText(stop.body.threadId!), /evict/i);
  });
});
