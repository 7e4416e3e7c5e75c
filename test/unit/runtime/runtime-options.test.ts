// Launch options that change what the runtime shows or records: sourceMap, trace,
// checkInvariants, and the sources it reports.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Kernel } from '../../../src/kernel/kernel';
import { UserFacingError } from '../../../src/runtime/contract';
import { markerLine, RuntimeHarness, sourceOf, USERPROGS } from './runtime-harness';

describe('runtime: launch options', () => {
  it('maps compile-time source paths to local ones both ways (sourceMap)', async () => {
    const local = '/home/student/pintos-src';
    const h = new RuntimeHarness({ program: 'hello', sourceMap: { [USERPROGS]: local } });
    const mapped = path.join(local, 'src', 'hello.c');
    const [bp] = h.runtime.setSourceBreakpoints(mapped, [{ line: markerLine('hello', 'main_entry') }]);
    assert.equal(bp.verified, true);
    assert.equal(bp.source, mapped);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(h.top(stop.pid).source, mapped);
    assert.ok(h.runtime.loadedSources().some((s) => s.path === mapped && s.name === 'hello.c'));
    assert.ok(h.runtime.breakpointLocations(mapped, 1, 100).length > 0);
    h.runtime.terminate();
  });

  it('writes every kernel event to the trace file as JSON lines', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'pintos-rt-'));
    mkdirSync(path.join(cwd, 'out'));
    const h = new RuntimeHarness({ program: path.join(USERPROGS, 'build', 'hello'), cwd, trace: 'out/events.jsonl' });
    assert.equal(await h.exit(() => h.runtime.start()), 0);
    const trace = path.join(cwd, 'out', 'events.jsonl');
    const events = readFileSync(trace, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; kind: string });
    assert.ok(events.some((e) => e.kind === 'process-start'));
    assert.ok(events.some((e) => e.kind === 'page-fault'));
    assert.ok(events.some((e) => e.kind === 'exit'));
    events.forEach((e, i) => assert.equal(e.seq, i + 1));
  });

  it('refuses a trace file outside the launch cwd, also through a symbolic link, leaving it untouched', () => {
    const top = mkdtempSync(path.join(tmpdir(), 'pintos-rt-'));
    const cwd = path.join(top, 'workspace');
    mkdirSync(cwd);
    const victim = path.join(top, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, path.join(cwd, 'link.jsonl'));
    symlinkSync(top, path.join(cwd, 'up'));
    const program = path.join(USERPROGS, 'build', 'hello');
    for (const [trace, problem] of [
      ['../victim.txt', /trace: .*victim\.txt is outside the launch's cwd/],
      [victim, /trace: .*victim\.txt is outside the launch's cwd/],
      ['up/victim.txt', /trace: .*victim\.txt is outside the launch's cwd/],
      ['link.jsonl', /trace: .*link\.jsonl is a symbolic link/],
    ] as const) {
      assert.throws(
        () => new RuntimeHarness({ program, cwd, trace }),
        (e: unknown) => e instanceof UserFacingError && e.attribute === 'trace' && problem.test(e.message),
        trace,
      );
      assert.equal(readFileSync(victim, 'utf8'), 'precious');
    }
  });

  it('runs with invariant checks on and reports the machine state while stopped', async () => {
    const h = new RuntimeHarness({ program: 'fork-cow', checkInvariants: true });
    h.runtime.setSourceBreakpoints(sourceOf('fork-cow'), [{ line: markerLine('fork-cow', 'wait') }]);
    const stop = await h.nextStop(() => h.runtime.start());
    const state = h.runtime.vmState();
    assert.equal(state.selectedPid, stop.pid);
    assert.ok(state.retired > 0 && state.lastSeq > 0);
    h.runtime.setSourceBreakpoints(sourceOf('fork-cow'), []);
    assert.equal(await h.exit(() => h.runtime.resume()), 0);
    assert.match(h.stdout, /fork-cow: exit\(0\)/);
    const processes = h.runtime.custom('pintos/processes', {}).processes;
    assert.deepEqual(processes.map((p) => [p.pid, p.state, p.exitStatus]), [
      [1, 'exited', 0],
      [2, 'exited', 10],
      [3, 'exited', 11],
      [4, 'exited', 12],
      [5, 'exited', 13],
    ]);
  });
});

describe('runtime: kernel errors', () => {
  it('reports a VM invariant violation as an exception stop instead of crashing', async () => {
    const h = new RuntimeHarness({ program: 'hello', checkInvariants: true });
    const kernel = (h.runtime as unknown as { booted: { kernel: Kernel } }).booted.kernel;
    const faultSteps = kernel.vm.faultSteps.bind(kernel.vm);
    let thrown = false;
    kernel.vm.faultSteps = (...args) => {
      if (!thrown) {
        thrown = true;
        throw new Error('VM invariant violated after fault: frame 3 has no owner');
      }
      return faultSteps(...args);
    };
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'exception');
    assert.equal(stop.description, 'VM invariant violated: VM invariant violated after fault: frame 3 has no owner');
    assert.equal(h.runtime.exceptionInfo(stop.pid)?.exceptionId, 'VM invariant violated');
    assert.equal(await h.exit(() => h.runtime.resume()), 0);
  });
});
