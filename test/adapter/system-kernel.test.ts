// Debugging a booted kernel over a real DAP stream (full-system mode): our own test kernel
// (systest/, built with the system gcc) booted from its build directory. A kernel function
// breakpoint with the kernel's variables and stack, its threads (the one on the CPU and one in its
// ready list), stepping over a line, a page fault stopped
// before the kernel's handler runs (CR2, error code, the SPT read from the kernel's own C
// structures), the stop after the handler with what it changed, and a run with all those stops
// printing exactly what a run without them prints.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, buildAdapter, lineWith, ROOT } from './harness';

const SYSTEST = path.join(ROOT, 'systest');
const BUILD = path.join(SYSTEST, 'build');
const VM_C = path.join(SYSTEST, 'kernel', 'vm.c');

/** The output events' text of one category, joined. */
function outputOf(s: AdapterSession, category: string): string {
  return s
    .all('output')
    .map((e) => e.body as DebugProtocol.OutputEvent['body'])
    .filter((b) => (b.category ?? 'console') === category)
    .map((b) => b.output)
    .join('');
}

describe('adapter: debugging a booted kernel (full-system mode, systest/)', function () {
  this.timeout(120_000);
  let s: AdapterSession;
  let launchArgs: Record<string, unknown>;
  before(() => {
    buildAdapter();
    execFileSync('make', ['-s', '-C', SYSTEST], { stdio: 'pipe' });
    const dir = mkdtempSync(path.join(tmpdir(), 'pintos-system-'));
    writeFileSync(path.join(dir, 'sample.txt'), 'a sample file\n');
    launchArgs = {
      system: true,
      buildDir: BUILD,
      kernelArgs: ['-q', 'run', 'userprog', 'run', 'userprog fault'],
      files: ['userprog', path.join(dir, 'sample.txt')],
      fsDiskMB: 2,
      swapDiskMB: 4,
    };
  });
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
  });
  afterEach(async () => s.stop());

  /** Runs to the end; returns the kernel's serial transcript. */
  async function toEnd(): Promise<string> {
    await s.next('terminated');
    return outputOf(s, 'stdout');
  }

  it('stops at a kernel function breakpoint with the kernel stack, variables and a line step', async () => {
    let bps: DebugProtocol.Breakpoint[] = [];
    await s.launch(launchArgs, async () => (bps = (await s.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'vm_try_handle_fault' }] })).body.breakpoints));
    assert.equal(bps[0].verified, true, bps[0].message);
    assert.equal(bps[0].line, lineWith(VM_C, 'struct thread *t = thread_current ();'));
    const stop = await s.nextStop();
    assert.equal(stop.body.reason, 'function breakpoint');
    const threads = (await s.dc.threadsRequest()).body.threads;
    assert.deepEqual(threads.find((t) => t.id === stop.body.threadId)?.name, '1 userprog', 'the thread on the CPU, named from its struct thread');
    // a thread off the CPU, from the kernel's ready list, unwound from the context it saved
    assert.ok(threads.some((t) => t.id === 1000 && t.name === '1000 idle (ready_list)'), JSON.stringify(threads));
    const idle = await s.frames(1000);
    assert.deepEqual(idle.map((f) => [f.name, f.source?.path]), [['idle', path.join(SYSTEST, 'kernel', 'process.c')]]);
    const frames = await s.frames(stop.body.threadId!);
    assert.deepEqual(frames.slice(0, 3).map((f) => f.name), ['vm_try_handle_fault', 'page_fault', 'intr_handler']);
    assert.equal(frames[0].source?.path, VM_C);
    // the first fault the handler sees is the user program's first instruction fetch
    const addr = (await s.dc.evaluateRequest({ expression: 'addr', frameId: frames[0].id, context: 'watch' })).body.result;
    assert.match(addr, /0x400000/);
    const user = (await s.dc.evaluateRequest({ expression: 'user', frameId: frames[0].id, context: 'watch' })).body.result;
    assert.match(user, /true|1/);
    const errorCode = (await s.dc.evaluateRequest({ expression: 'f->error_code', frameId: frames[1].id, context: 'watch' })).body.result;
    assert.match(errorCode, /^(20|0x14)$/, 'a user instruction fetch of a page not present');
    await s.dc.nextRequest({ threadId: stop.body.threadId! });
    const step = await s.nextStop();
    assert.equal(step.body.reason, 'step');
    const after = await s.frames(step.body.threadId!);
    assert.equal(after[0].name, 'vm_try_handle_fault');
    assert.equal(after[0].line, frames[0].line + 1);
  });

  it('stops on a page fault before the handler runs, then after it with what it changed', async () => {
    await s.launch(launchArgs, async () => s.dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'page-fault', condition: 'user && addr == 0x400000' }] }));
    const before = await s.nextStop();
    assert.equal(before.body.reason, 'exception');
    const thread = before.body.threadId!;
    const info = (await s.dc.exceptionInfoRequest({ threadId: thread })).body;
    assert.match(info.details?.message ?? '', /CR2 0x400000, error code 0x14/);
    const top = (await s.frames(thread))[0];
    assert.equal(top.instructionPointerReference, '0x400000', 'the faulting instruction, the handler not yet entered');
    const spt = (await s.dc.customRequest('pintos/spt', { pid: thread })).body as { entries: { va: number; kind: string; state: string }[] };
    const page = spt.entries.find((e) => e.va === 0x400000);
    assert.deepEqual(page && { kind: page.kind, state: page.state }, { kind: 'uninit', state: 'not-loaded' }, 'the SPT as the kernel holds it before its handler');
    await s.dc.continueRequest({ threadId: thread });
    const after = await s.nextStop();
    assert.equal(after.body.reason, 'exception');
    assert.match(after.body.description ?? '', /After the page-fault handler for 0x400000/);
    const diff = (await s.dc.exceptionInfoRequest({ threadId: after.body.threadId! })).body.details?.message ?? '';
    assert.match(diff, /SPT: page 0x400000 uninit, not-loaded → anon, in-frame/);
    assert.match(diff, /page table: 0x400000 mapped to 0x[0-9a-f]+/);
    assert.match(diff, /frame table: took frame 0x[0-9a-f]+ for page 0x400000/);
    const marked = (await s.dc.customRequest('pintos/spt', { pid: after.body.threadId! })).body as { entries: { va: number; state: string; handlerChange?: string }[] };
    assert.deepEqual(marked.entries.filter((e) => e.handlerChange).map((e) => [e.va, e.state, e.handlerChange]), [[0x400000, 'in-frame', 'changed']]);
  });

  it('prints exactly the same transcript with every stop as without any', async () => {
    await s.launch(launchArgs);
    const plain = await toEnd();
    assert.match(plain, /run: 'userprog fault' finished with status -1/);
    await s.stop();
    s = new AdapterSession();
    await s.start();
    await s.launch(launchArgs, async () => {
      await s.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'vm_try_handle_fault' }, { name: 'spt_find_page' }] });
      await s.dc.setExceptionBreakpointsRequest({ filters: ['page-fault'] });
    });
    let stops = 0;
    const ended = s.next('terminated', () => true, 100_000).then(() => undefined);
    for (;;) {
      const next = await Promise.race([s.nextStop(100_000).catch(() => undefined), ended]);
      if (!next) break;
      stops++;
      const threadId = next.body.threadId!;
      // read everything a student's views would: frames, variables, the SPT, the page tables
      const frames = await s.frames(threadId);
      if (frames[0]) await s.dc.scopesRequest({ frameId: frames[0].id });
      await s.dc.customRequest('pintos/spt', { pid: threadId }).catch(() => undefined);
      await s.dc.customRequest('pintos/pageTables', { pid: threadId }).catch(() => undefined);
      if (stops % 3 === 0) await s.dc.nextRequest({ threadId });
      else await s.dc.continueRequest({ threadId });
    }
    assert.ok(stops > 20, `stopped ${stops} times`);
    assert.equal(outputOf(s, 'stdout'), plain);
    assert.deepEqual(plain.split('\n').filter((l) => l.startsWith('run: ')), readFileSync(path.join(SYSTEST, 'expected.txt'), 'latin1').split('\n').filter((l) => l.startsWith('run: ')));
  });

  it('travels back: a line step back and reverse-continue land exactly where the forward run stood, and output is not repeated', async () => {
    await s.launch(launchArgs, async () => s.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'vm_try_handle_fault' }] }));
    /** The innermost frame's line and pc, and the retired instructions of the last stop. */
    const at = async (threadId: number) => {
      const top = (await s.frames(threadId))[0];
      const changed = await s.next<DebugProtocol.Event>('pintos/vmChanged', (e) => (e.body as { running: boolean }).running === false);
      return { line: top.line, pc: top.instructionPointerReference, retired: (changed.body as { retired: number }).retired };
    };
    const first = await s.nextStop();
    const hit1 = await at(first.body.threadId!);
    await s.dc.continueRequest({ threadId: first.body.threadId! });
    const second = await s.nextStop();
    const thread = second.body.threadId!;
    const hit2 = await at(thread);
    await s.dc.nextRequest({ threadId: thread });
    await s.nextStop();
    const line2 = await at(thread);
    await s.dc.nextRequest({ threadId: thread });
    await s.nextStop();
    const line3 = await at(thread);
    assert.ok(line3.line > line2.line && line2.line > hit2.line, JSON.stringify([hit2, line2, line3]));
    await s.dc.stepBackRequest({ threadId: thread });
    assert.equal((await s.nextStop()).body.reason, 'step');
    assert.deepEqual(await at(thread), line2, 'a line back: where the forward step stood');
    await s.dc.reverseContinueRequest({ threadId: thread });
    assert.equal((await s.nextStop()).body.reason, 'breakpoint');
    assert.deepEqual(await at(thread), hit2, 'the latest breakpoint hit');
    await s.dc.reverseContinueRequest({ threadId: thread });
    await s.nextStop();
    assert.deepEqual(await at(thread), hit1, 'the hit before it');
    await s.dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    await s.dc.continueRequest({ threadId: thread });
    const text = await toEnd();
    assert.deepEqual(
      text.split('\n').filter((l) => l.startsWith('run: ') || l.startsWith('userprog: ')),
      readFileSync(path.join(SYSTEST, 'expected.txt'), 'latin1').split('\n').filter((l) => l.startsWith('run: ') || l.startsWith('userprog: ')),
      'every line once, in order, though the machine went back twice',
    );
  });

  it("stops when a kernel variable is written (a data breakpoint on its physical bytes), and a step back undoes the write", async () => {
    await s.launch({ ...launchArgs, stopOnEntry: true });
    const entry = await s.nextStop();
    assert.equal(entry.body.reason, 'entry');
    const info = (await s.dc.dataBreakpointInfoRequest({ name: 'next_tid' })).body;
    assert.ok(info.dataId, info.description);
    const set = (await s.dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.dataId!, accessType: 'write' }] })).body.breakpoints;
    assert.equal(set[0].verified, true, set[0].message);
    await s.dc.continueRequest({ threadId: entry.body.threadId! });
    const hit = await s.nextStop();
    assert.equal(hit.body.reason, 'data breakpoint');
    assert.match(hit.body.description ?? '', /^Write to next_tid \(int, 4 bytes at 0x[0-9a-f]+\) at 0x[0-9a-f]+: 1 → 2$/);
    const top = (await s.frames(hit.body.threadId!))[0];
    assert.equal(top.name, 'process_run');
    const value = async () => (await s.dc.evaluateRequest({ expression: 'next_tid', frameId: (await s.frames(hit.body.threadId!))[0].id, context: 'watch' })).body.result;
    assert.equal(await value(), '2');
    await s.dc.stepBackRequest({ threadId: hit.body.threadId!, granularity: 'instruction' });
    await s.nextStop();
    assert.equal(await value(), '1', 'one instruction back, before the write');
  });

  it('reads the structures the launch names, and says what to name when one is not found', async () => {
    await s.launch({ ...launchArgs, stopOnEntry: true, structureNames: { frameTable: 'no_such_list', swapTable: 'swap_table' } });
    await s.nextStop();
    await s.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'vm_try_handle_fault' }] });
    await s.dc.continueRequest({ threadId: 1 });
    await s.nextStop();
    const frames = await s.dc.customRequest('pintos/frames', {}).catch((e: Error) => e);
    assert.ok(frames instanceof Error);
    assert.match(frames.message, /the frame table cannot be read: it needs the symbol no_such_list in the kernel \(name the global with the launch attribute structureNames\.frameTable\)/);
    const swap = (await s.dc.customRequest('pintos/swap', {})).body as { slotCount: number; used: unknown[] };
    assert.deepEqual([swap.slotCount, swap.used.length], [8064 / 8 - 1, 0]);
  });

  it('refuses a structure name it does not know, naming the attribute', async () => {
    const r = await s.dc.launchRequest({ ...launchArgs, structureNames: { frames: 'frame_table' } } as DebugProtocol.LaunchRequestArguments).catch((e: Error) => e);
    assert.ok(r instanceof Error);
    assert.match(r.message, /structureNames: 'frames' is not one of sptHash, pageHashElem, frameTable, swapTable/);
  });

  it('names what to fix for a build directory without os.dsk', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'pintos-nobuild-'));
    const r = await s.dc.launchRequest({ system: true, buildDir: empty } as DebugProtocol.LaunchRequestArguments).catch((e: Error) => e);
    assert.ok(r instanceof Error);
    assert.match(r.message, /no os\.dsk in .*pintos-nobuild-.*Pintos build directory/);
  });
});
