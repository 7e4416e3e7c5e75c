// Breakpoints over a real DAP stream: stop on entry, a line breakpoint hit in a forked child, a
// conditional breakpoint, a hit count, a logpoint, a function breakpoint, and a restart that
// keeps the breakpoints.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, buildAdapter, markerLine, sample, sampleSource } from './harness';

describe('adapter: breakpoints', function () {
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('stops on entry in the program thread', async () => {
    await s.launch({ program: sample('hello'), stopOnEntry: true });
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'entry');
    assert.equal(stop.body.allThreadsStopped, true);
    const threads = (await s.dc.threadsRequest()).body.threads;
    const thread = threads.find((t) => t.id === stop.body.threadId);
    assert.ok(thread, 'the stopped thread is listed');
    assert.match(thread.name, new RegExp(`^${thread.id} hello$`));
    const frames = await s.frames(thread.id);
    assert.ok(frames.length >= 1);
    assert.match(frames[0].instructionPointerReference ?? '', /^0x[0-9a-f]+$/);
  });

  it('hits a line breakpoint in a forked child, on the child thread', async () => {
    const src = sampleSource('fork-cow');
    let bps: { verified: boolean; line?: number }[] = [];
    await s.launch({ program: sample('fork-cow') }, async () => (bps = await s.breakAt(src, ['child_start'])));
    assert.equal(bps[0].verified, true);
    assert.equal(bps[0].line, markerLine(src, 'child_start'));
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'breakpoint');
    const threads = (await s.dc.threadsRequest()).body.threads;
    const child = threads.find((t) => t.id === stop.body.threadId);
    assert.ok(child, 'the child is a thread');
    assert.match(child.name, new RegExp(`^${child.id} child-0$`));
    assert.ok(threads.some((t) => /fork-cow$/.test(t.name) && t.id !== child.id), 'the parent is another thread');
    const top = (await s.frames(child.id))[0];
    assert.equal(top.line, markerLine(src, 'child_start'));
    assert.equal(top.source?.path, src);
    assert.equal(top.name, 'run_child');
    assert.equal((await s.dc.evaluateRequest({ expression: 'k', frameId: top.id, context: 'watch' })).body.result, '0');
    await s.dc.continueRequest({ threadId: child.id });
    const second = await s.nextStop();
    const next = (await s.dc.threadsRequest()).body.threads.find((t) => t.id === second.body.threadId);
    assert.match(next?.name ?? '', /child-1$/);
  });

  it('stops on a conditional breakpoint only when the condition holds', async () => {
    const src = sampleSource('hello');
    await s.launch({ program: sample('hello'), args: ['alpha', 'beta', 'gamma'] }, () => s.breakAt(src, [{ marker: 'print_arg', condition: 'i == 2' }]));
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'breakpoint');
    const top = (await s.frames(stop.body.threadId!))[0];
    const i = await s.dc.evaluateRequest({ expression: 'i', frameId: top.id, context: 'watch' });
    assert.equal(i.body.result, '2');
    const arg = await s.dc.evaluateRequest({ expression: 'argv[i]', frameId: top.id, context: 'watch' });
    assert.match(arg.body.result, /"beta"/);
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    await s.next('exited');
  });

  it('honours a hit count', async () => {
    const src = sampleSource('hello');
    await s.launch({ program: sample('hello'), args: ['a', 'b', 'c', 'd'] }, () => s.breakAt(src, [{ marker: 'print_arg', hitCondition: '4' }]));
    const stop = await s.nextStop();
    const top = (await s.frames(stop.body.threadId!))[0];
    assert.equal((await s.dc.evaluateRequest({ expression: 'i', frameId: top.id, context: 'watch' })).body.result, '3');
  });

  it('prints a logpoint message without stopping', async () => {
    const src = sampleSource('hello');
    await s.launch({ program: sample('hello'), args: ['one', 'two'] }, () => s.breakAt(src, [{ marker: 'print_arg', logMessage: 'arg {i} of {argc}' }]));
    for (const i of [0, 1, 2]) await s.next('output', (e) => String(e.body.output).includes(`arg ${i} of 3`));
    await s.next('exited');
    assert.equal(s.all('stopped').length, 0, 'a logpoint never stops');
  });

  it('stops on a function breakpoint', async () => {
    await s.launch({ program: sample('stack-grow') }, () => s.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'big_local_array' }] }));
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'function breakpoint');
    const top = (await s.frames(stop.body.threadId!))[0];
    assert.equal(top.name, 'big_local_array');
  });

  it('applies breakpoints set before the launch once the program is loaded', async () => {
    const src = sampleSource('hello');
    const early = await s.breakAt(src, ['main_return']);
    assert.equal(early[0].verified, false);
    await s.launch({ program: sample('hello') });
    const changed = await s.next<DebugProtocol.BreakpointEvent>('breakpoint');
    assert.equal(changed.body.breakpoint.id, early[0].id);
    assert.equal(changed.body.breakpoint.verified, true);
    const stop = await s.nextStop();
    assert.deepEqual(stop.body.hitBreakpointIds, [early[0].id]);
  });

  it('restarts with the same arguments and keeps the breakpoints', async () => {
    const src = sampleSource('hello');
    let ids: (number | undefined)[] = [];
    await s.launch({ program: sample('hello'), args: ['x'] }, async () => (ids = (await s.breakAt(src, ['main_return'])).map((b) => b.id)));
    const first = await s.nextStop();
    assert.deepEqual(first.body.hitBreakpointIds, ids);
    await s.dc.restartRequest({});
    const again = await s.nextStop();
    assert.equal(again.body.reason, 'breakpoint');
    assert.deepEqual(again.body.hitBreakpointIds, ids);
    const top = (await s.frames(again.body.threadId!))[0];
    assert.equal(top.line, markerLine(src, 'main_return'));
  });
});
