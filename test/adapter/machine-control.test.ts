// Run control and memory over a real DAP stream: a watchpoint on a global, pausing an infinite
// loop, reading a page that is not loaded without loading it, disassembling around rip,
// terminating mid-run, and cancelling a request.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { SptEntryView } from '../../src/shared/vm-views';
import { AdapterSession, buildAdapter, buildTestProgram, markerLine, sample, sampleSource, testSource } from './harness';

describe('adapter: watchpoints, pause, memory and termination', function () {
  let s: AdapterSession;
  let spin: string;
  let shapes: string;
  before(() => {
    buildAdapter();
    spin = buildTestProgram('spin');
    shapes = buildTestProgram('shapes');
  });
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('stops when a watched global is written', async () => {
    await s.launch({ program: shapes }, () => s.breakAt(testSource('shapes'), ['after_copy']));
    const stop = await s.nextStop();
    const frame = (await s.frames(stop.body.threadId!))[0];
    const info = await s.dc.dataBreakpointInfoRequest({ name: 'total', frameId: frame.id });
    assert.ok(info.body.dataId, info.body.description);
    assert.ok(info.body.accessTypes?.includes('write'));
    const set = await s.dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId, accessType: 'write' }] });
    assert.equal(set.body.breakpoints[0].verified, true);
    await s.dc.setBreakpointsRequest({ source: { path: testSource('shapes') }, breakpoints: [] });
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    const hit = await s.nextStop();
    assert.equal(hit.body.reason, 'data breakpoint');
    assert.deepEqual(hit.body.hitBreakpointIds, [set.body.breakpoints[0].id]);
    const top = (await s.frames(hit.body.threadId!))[0];
    assert.equal((await s.dc.evaluateRequest({ expression: 'total', frameId: top.id, context: 'watch' })).body.result, '24');
  });

  it('pauses an infinite loop, and again after continuing', async () => {
    await s.launch({ program: spin });
    for (let round = 0; round < 2; round++) {
      await new Promise((r) => setTimeout(r, 300));
      const threads = (await s.dc.threadsRequest()).body.threads;
      await s.dc.pauseRequest({ threadId: threads[0]?.id ?? 1 });
      const stop = await s.nextStop(5000);
      assert.equal(stop.body.reason, 'pause');
      const top = (await s.frames(stop.body.threadId!))[0];
      assert.equal(top.name, 'main');
      assert.ok(Math.abs(top.line - markerLine(testSource('spin'), 'spin')) <= 1, `paused in the loop (line ${top.line})`);
      await s.dc.continueRequest({ threadId: stop.body.threadId! });
    }
  });

  it('reads a page that is not loaded as the zeros it will hold, without loading it; unmapped memory stays unreadable', async () => {
    await s.launch({ program: sample('lazy-bss') }, () => s.breakAt(sampleSource('lazy-bss'), ['pick_pages']));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const frame = (await s.frames(pid))[0];
    const where = await s.dc.evaluateRequest({ expression: '&big[100 * 4096]', frameId: frame.id, context: 'watch' });
    const page = Number(BigInt(where.body.result.match(/0x[0-9a-f]+/i)![0]));
    const memoryReference = where.body.memoryReference ?? `0x${page.toString(16)}`;
    const spt = async () => ((await s.dc.customRequest('pintos/spt', { pid })).body as { entries: SptEntryView[] }).entries.find((e) => e.va === page);
    assert.equal((await spt())?.state, 'not-loaded');
    const read = (await s.raw('readMemory', { memoryReference, count: 64 })) as DebugProtocol.ReadMemoryResponse;
    assert.equal(read.success, true, read.message);
    assert.equal(read.body?.unreadableBytes ?? 0, 0);
    assert.deepEqual(Buffer.from(read.body?.data ?? '', 'base64'), Buffer.alloc(64), 'an untouched .bss page reads as zeros');
    const value = await s.dc.evaluateRequest({ expression: 'big[100 * 4096]', frameId: frame.id, context: 'watch' });
    assert.match(value.body.result, /^0 .*\(not loaded yet, zero-filled\)$/);
    assert.equal((await spt())?.state, 'not-loaded', 'reading did not load the page');
    const unmapped = (await s.raw('readMemory', { memoryReference: '0x10000000', count: 16 })) as DebugProtocol.ReadMemoryResponse;
    assert.equal(unmapped.body?.unreadableBytes, 16, 'an address outside every page of the process is unreadable');
    const touched = await s.dc.evaluateRequest({ expression: '&touched', frameId: frame.id, context: 'watch' });
    const readable = (await s.raw('readMemory', { memoryReference: touched.body.memoryReference ?? touched.body.result, count: 12 })) as DebugProtocol.ReadMemoryResponse;
    assert.equal(Buffer.from(readable.body?.data ?? '', 'base64').readInt32LE(4), 640);
  });

  it('disassembles around rip', async () => {
    await s.launch({ program: sample('hello') }, () => s.breakAt(sampleSource('hello'), ['main_entry']));
    const stop = await s.nextStop();
    const rip = (await s.frames(stop.body.threadId!))[0].instructionPointerReference!;
    const r = await s.dc.disassembleRequest({ memoryReference: rip, instructionOffset: -4, instructionCount: 10, resolveSymbols: true });
    const insns = r.body?.instructions ?? [];
    assert.equal(insns.length, 10);
    const at = insns.findIndex((i) => BigInt(i.address) === BigInt(rip));
    assert.equal(at, 4, 'rip is the fifth instruction');
    assert.ok(insns.every((i) => i.instruction.length > 0));
    assert.ok(insns.some((i) => i.line === markerLine(sampleSource('hello'), 'main_entry')));
  });

  it('terminates a running program', async () => {
    await s.launch({ program: spin });
    await new Promise((r) => setTimeout(r, 200));
    await s.dc.terminateRequest({});
    await s.next('terminated', () => true, 5000);
    const threads = await s.raw('threads');
    assert.equal(threads.success, true, 'the adapter still answers');
  });

  it('restarts a running program', async () => {
    await s.launch({ program: spin });
    await new Promise((r) => setTimeout(r, 150));
    await s.dc.restartRequest({});
    await new Promise((r) => setTimeout(r, 150));
    const threads = (await s.dc.threadsRequest()).body.threads;
    assert.equal(threads.length, 1);
    await s.dc.pauseRequest({ threadId: threads[0].id });
    const stop = await s.nextStop(5000);
    assert.equal(stop.body.reason, 'pause');
    assert.equal(stop.body.threadId, threads[0].id);
    assert.equal(s.all('terminated').length, 0, 'a restart does not end the session');
  });

  it('answers a cancelled request that is still pending with "cancelled"', async () => {
    await s.launch({ program: sample('lazy-bss') }, () => s.breakAt(sampleSource('lazy-bss'), ['pick_pages']));
    const stop = await s.nextStop();
    const rip = (await s.frames(stop.body.threadId!))[0].instructionPointerReference!;
    const big = s.request('readMemory', { memoryReference: rip, offset: -0x400000, count: 64 * 1024 * 1024 });
    const cancel = await s.raw('cancel', { requestId: big.seq });
    assert.equal(cancel.success, true);
    const answer = await big.response;
    assert.equal(answer.success, false);
    assert.equal(answer.message, 'cancelled');
    assert.equal((await s.raw('threads')).success, true);
  });
});

describe('adapter: breakpoints on addresses, memory writes and the console', function () {
  let s: AdapterSession;
  before(() => buildAdapter());
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  it('watches an address range and stops on an instruction breakpoint', async () => {
    const shapes = buildTestProgram('shapes');
    await s.launch({ program: shapes }, () => s.breakAt(testSource('shapes'), ['after_copy']));
    const stop = await s.nextStop();
    const frame = (await s.frames(stop.body.threadId!))[0];
    const address = (await s.dc.evaluateRequest({ expression: '&scores[2]', frameId: frame.id, context: 'watch' })).body.result.match(/0x[0-9a-f]+/i)![0];
    const info = await s.dc.dataBreakpointInfoRequest({ name: address, bytes: 4, asAddress: true });
    assert.ok(info.body.dataId, info.body.description);
    const watch = await s.dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId, accessType: 'read' }] });
    assert.equal(watch.body.breakpoints[0].verified, true);
    await s.dc.setBreakpointsRequest({ source: { path: testSource('shapes') }, breakpoints: [] });
    await s.dc.continueRequest({ threadId: stop.body.threadId! });
    const read = await s.nextStop();
    assert.equal(read.body.reason, 'data breakpoint');
    const top = (await s.frames(read.body.threadId!))[0];
    assert.equal((await s.dc.evaluateRequest({ expression: 'i', frameId: top.id, context: 'watch' })).body.result, '2');

    await s.dc.setDataBreakpointsRequest({ breakpoints: [] });
    const later = await s.dc.disassembleRequest({ memoryReference: top.instructionPointerReference!, instructionOffset: 3, instructionCount: 1 });
    const target = later.body!.instructions[0].address;
    const ibp = await s.raw('setInstructionBreakpoints', { breakpoints: [{ instructionReference: target }] });
    assert.equal(ibp.success, true, ibp.message);
    await s.dc.continueRequest({ threadId: read.body.threadId! });
    const atInsn = await s.nextStop();
    assert.equal(atInsn.body.reason, 'instruction breakpoint');
    assert.equal(BigInt((await s.frames(atInsn.body.threadId!))[0].instructionPointerReference!), BigInt(target));
  });

  it('watches the physical frame of a page', async () => {
    const src = sampleSource('lazy-bss');
    await s.launch({ program: sample('lazy-bss') }, () => s.breakAt(src, ['write_page']));
    const stop = await s.nextStop();
    const pid = stop.body.threadId!;
    const frame = (await s.frames(pid))[0];
    const va = Number(BigInt((await s.dc.evaluateRequest({ expression: '(unsigned long) p', frameId: frame.id, context: 'watch' })).body.result));
    const watch = (await s.dc.customRequest('pintos/watchPage', { pid, va, physical: true })).body as { dataId: string; description: string };
    assert.ok(watch.dataId, 'the page has a frame to watch');
    const set = await s.dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: watch.dataId, accessType: 'write' }] });
    assert.equal(set.body.breakpoints[0].verified, true, set.body.breakpoints[0].message);
    await s.dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [] });
    await s.dc.continueRequest({ threadId: pid });
    const hit = await s.nextStop();
    assert.equal(hit.body.reason, 'data breakpoint');
    // stopped right after the writing instruction: on its line or on the loop's increment just above
    const line = (await s.frames(hit.body.threadId!))[0].line;
    const write = markerLine(src, 'write_page');
    assert.ok(line === write || line === write - 1, `line ${line}`);
  });

  it('writes memory and shows it in variables', async () => {
    const shapes = buildTestProgram('shapes');
    await s.launch({ program: shapes }, () => s.breakAt(testSource('shapes'), ['after_copy']));
    const stop = await s.nextStop();
    const frame = (await s.frames(stop.body.threadId!))[0];
    const where = await s.dc.evaluateRequest({ expression: '&scores[1]', frameId: frame.id, context: 'watch' });
    const memoryReference = where.body.memoryReference ?? where.body.result.match(/0x[0-9a-f]+/i)![0];
    const bytes = Buffer.alloc(4);
    bytes.writeInt32LE(-7);
    const w = await s.raw('writeMemory', { memoryReference, data: bytes.toString('base64') });
    assert.equal(w.success, true, w.message);
    assert.equal((await s.dc.evaluateRequest({ expression: 'scores[1]', frameId: frame.id, context: 'watch' })).body.result, '-7');
  });

  it('answers the console: help and VM commands', async () => {
    await s.launch({ program: sample('lazy-bss') }, () => s.breakAt(sampleSource('lazy-bss'), ['first_touch']));
    const stop = await s.nextStop();
    const frame = (await s.frames(stop.body.threadId!))[0];
    const help = await s.dc.evaluateRequest({ expression: 'help', frameId: frame.id, context: 'repl' });
    assert.ok(help.body.result.length > 20);
    const locations = await s.dc.customRequest('breakpointLocations', { source: { path: sampleSource('lazy-bss') }, line: markerLine(sampleSource('lazy-bss'), 'first_touch') });
    assert.ok((locations.body as DebugProtocol.BreakpointLocationsResponse['body']).breakpoints.length > 0);
    const sources = (await s.dc.customRequest('loadedSources', {})).body as DebugProtocol.LoadedSourcesResponse['body'];
    assert.ok(sources.sources.some((src) => src.path === sampleSource('lazy-bss')));
  });
});
