// Time travel over a real DAP stream: Reverse Continue back to the previous VM-event stop, Step
// Back by line and by instruction retracing forward steps exactly, stepping back across a fork, a
// data breakpoint hit in reverse ("who last wrote this"), reverse step out of a recursive call,
// travelling to a kernel event, and the history's size. At every point travelled to, what the debugger shows (registers, call stack,
// SPT, events, processes) equals what it showed when the machine first stood there.
import * as assert from 'node:assert/strict';
import type { ProcessView, SptEntryView, VmEventView } from '../../src/shared/vm-views';
import { AdapterSession, buildAdapter, buildTestProgram, sample, sampleSource, testSource } from './harness';

/** What a stop shows, compared between the first visit and a return through history. */
interface Snapshot {
  top: { name: string; line: number; pc: string | undefined };
  frames: string[];
  registers: string;
  lastSeq: number;
  spt: string;
  processes: string;
}

describe('adapter: time travel', function () {
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  /** Everything the views show at the current stop of thread `pid`. */
  async function snapshot(pid: number): Promise<Snapshot> {
    const frames = await s.frames(pid);
    const regs = await s.scopeVariables(frames.find((f) => f.source)?.id ?? frames[0].id, 'Registers');
    const events = (await s.dc.customRequest('pintos/events', {})).body as { lastSeq: number; events: VmEventView[] };
    const spt = ((await s.dc.customRequest('pintos/spt', { pid })).body as { entries: SptEntryView[] }).entries;
    const processes = ((await s.dc.customRequest('pintos/processes', {})).body as { processes: ProcessView[] }).processes;
    return {
      top: { name: frames[0].name, line: frames[0].line, pc: frames[0].instructionPointerReference },
      frames: frames.map((f) => `${f.name}:${f.line}`),
      registers: [...regs.values()].map((v) => `${v.name}=${v.value}`).join(' '),
      lastSeq: events.lastSeq,
      spt: spt.map((e) => `${e.va.toString(16)}:${e.state}:${e.kind}`).join(' '),
      processes: processes.map((p) => `${p.pid}:${p.state}`).join(' '),
    };
  }

  it('reverse-continues to the previous VM-event stop, showing the machine as it was there', async () => {
    await s.launch({ program: sample('lazy-bss') }, () => s.dc.setExceptionBreakpointsRequest({ filters: ['lazy-load'] }));
    const first = await s.nextStop();
    const pid = first.body.threadId!;
    const atFirst = await snapshot(pid);
    await s.dc.continueRequest({ threadId: pid });
    const second = await s.nextStop();
    assert.notDeepEqual(await snapshot(pid), atFirst, 'the second fault changed the machine');
    await s.dc.reverseContinueRequest({ threadId: second.body.threadId! });
    const back = await s.nextStop();
    assert.equal(back.body.reason, 'exception');
    assert.equal(back.body.description, first.body.description);
    assert.deepEqual(await snapshot(pid), atFirst);
  });

  it('steps back by line and by instruction, retracing forward steps exactly', async () => {
    await s.launch({ program: sample('stack-grow') }, () => s.breakAt(sampleSource('stack-grow'), ['main_entry']));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const seen: Snapshot[] = [await snapshot(pid)];
    for (let i = 0; i < 3; i++) {
      await s.dc.nextRequest({ threadId: pid });
      await s.nextStop();
      seen.push(await snapshot(pid));
    }
    await s.dc.stepInRequest({ threadId: pid, granularity: 'instruction' });
    await s.nextStop();
    const afterInstruction = await snapshot(pid);
    await s.dc.stepBackRequest({ threadId: pid, granularity: 'instruction' });
    await s.nextStop();
    assert.deepEqual(await snapshot(pid), seen[3], 'one instruction back');
    assert.notDeepEqual(afterInstruction, seen[3]);
    for (let i = 2; i >= 0; i--) {
      await s.dc.stepBackRequest({ threadId: pid });
      const back = await s.nextStop();
      assert.equal(back.body.reason, 'step');
      assert.deepEqual(await snapshot(pid), seen[i], `line step back to the state of step ${i}`);
    }
  });

  it('steps back across a fork: the child no longer exists', async () => {
    await s.launch({ program: sample('fork-cow') }, () => s.breakAt(sampleSource('fork-cow'), ['fork']));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const before = await snapshot(pid);
    await s.dc.setBreakpointsRequest({ source: { path: sampleSource('fork-cow') }, breakpoints: [] });
    await s.dc.nextRequest({ threadId: pid });
    await s.nextStop();
    const threadsAfter = (await s.dc.threadsRequest()).body.threads;
    assert.ok(threadsAfter.length >= 2, 'the child exists after the fork');
    await s.dc.stepBackRequest({ threadId: pid });
    await s.nextStop();
    assert.deepEqual(await snapshot(pid), before);
    assert.deepEqual(
      (await s.dc.threadsRequest()).body.threads.map((t) => t.id),
      [pid],
      'only the parent is left',
    );
  });

  it('finds the last write to a global in reverse with a data breakpoint', async () => {
    const shapes = buildTestProgram('shapes');
    await s.launch({ program: shapes }, () => s.breakAt(testSource('shapes'), ['print_total']));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const frame = (await s.frames(pid))[0];
    const info = await s.dc.dataBreakpointInfoRequest({ name: 'total', frameId: frame.id });
    await s.dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    await s.dc.setBreakpointsRequest({ source: { path: testSource('shapes') }, breakpoints: [] });
    const final = (await s.dc.evaluateRequest({ expression: 'total', frameId: frame.id, context: 'watch' })).body.result;
    await s.dc.reverseContinueRequest({ threadId: pid });
    const hit = await s.nextStop();
    assert.equal(hit.body.reason, 'data breakpoint');
    const top = (await s.frames(pid))[0];
    assert.equal((await s.dc.evaluateRequest({ expression: 'total', frameId: top.id, context: 'watch' })).body.result, final, 'the last write wrote the final value');
    assert.equal((await s.dc.evaluateRequest({ expression: 'i', frameId: top.id, context: 'watch' })).body.result, '4', 'in the last round of the loop');
  });

  it('steps back out of a recursive call to the call in its caller', async () => {
    await s.launch({ program: sample('stack-grow') }, () => s.breakAt(sampleSource('stack-grow'), [{ marker: 'recurse_entry', hitCondition: '13' }]));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const inside = await s.frames(pid);
    assert.equal(inside[0].name, 'recurse');
    assert.equal(inside[1].name, 'recurse', 'the 13th hit (12 per call) is in the second call');
    const depth = (await s.dc.evaluateRequest({ expression: 'depth', frameId: inside[0].id, context: 'watch' })).body.result;
    await s.dc.customRequest('pintos/reverseStepOut', { threadId: pid });
    const out = await s.nextStop();
    assert.match(out.body.description ?? '', /Stepped back out of recurse/);
    const outer = await s.frames(pid);
    assert.equal(outer.length, inside.length - 1, 'one frame fewer');
    assert.equal(outer[0].name, 'recurse');
    assert.equal(outer[0].line, inside[1].line, 'at the line of the call');
    const callerDepth = (await s.dc.evaluateRequest({ expression: 'depth', frameId: outer[0].id, context: 'watch' })).body.result;
    assert.equal(Number(callerDepth), Number(depth) + 1, 'in the caller');
  });

  it('travels to a kernel event and reports the history it keeps', async () => {
    await s.launch({ program: sample('pressure'), args: ['2'], memoryMB: 2 }, () => s.breakAt(sampleSource('pressure'), ['write_word']));
    let stop = await s.nextStop();
    await s.dc.setBreakpointsRequest({ source: { path: sampleSource('pressure') }, breakpoints: [] });
    await s.dc.setExceptionBreakpointsRequest({ filters: ['eviction'] });
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    stop = await s.nextStop();
    const events = ((await s.dc.customRequest('pintos/events', {})).body as { events: VmEventView[] }).events;
    const target = events[Math.floor(events.length / 2)];
    await s.dc.customRequest('pintos/travelToEvent', { seq: target.seq });
    const there = await s.nextStop();
    assert.ok(there.body.description, 'the stop says where it is');
    assert.equal(((await s.dc.customRequest('pintos/events', {})).body as { lastSeq: number }).lastSeq, target.seq, 'nothing after the event has happened');
    const history = (await s.dc.customRequest('pintos/history', {})).body as { checkpoints: number; bytes: number; budgetBytes: number };
    assert.ok(history.checkpoints >= 1 && history.bytes > 0 && history.bytes <= history.budgetBytes, JSON.stringify(history));
    const bad = await s.raw('pintos/travelToEvent', { seq: 1e9 });
    assert.equal(bad.success, false);
    assert.match(bad.message ?? '', /no kernel event #1000000000/);
  });

  it('answers other requests while a long reverse search runs, then stops', async () => {
    // merge-sort runs ~33 M instructions; with no breakpoint or filter, Reverse Continue searches
    // the whole history back to its start, replaying it: many slices of work
    await s.launch({ program: sample('merge-sort'), files: [sample('sort-chunk')], stopAtEnd: true });
    const end = await s.nextStop(60_000);
    assert.equal(end.body.reason, 'end');
    await s.dc.setExceptionBreakpointsRequest({ filters: [] });
    const order: string[] = [];
    const stopped = s.nextStop(120_000).then((e) => {
      order.push('stopped');
      return e;
    });
    await s.dc.send('reverseContinue', { threadId: end.body.threadId });
    const threads = await s.dc.threadsRequest();
    order.push('threads');
    assert.ok(threads.body.threads.length > 0);
    const stop = await stopped;
    assert.equal(stop.body.description, 'At the start of the recorded history');
    assert.deepEqual(order, ['threads', 'stopped'], 'the threads request was answered before the search ended');
  });
});
