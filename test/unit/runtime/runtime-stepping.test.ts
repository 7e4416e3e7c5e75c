// Stepping and pausing through the DebugRuntime: over, into and out of the recursion in
// stack-grow, by instruction, across processes, and pausing a busy program.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { markerLine, RuntimeHarness, sourceOf } from './runtime-harness';

/** A runtime stopped at `marker` of `program`, with that breakpoint removed. */
async function stoppedAt(program: string, marker: string, args: string[] = []): Promise<{ h: RuntimeHarness; pid: number }> {
  const h = new RuntimeHarness({ program, args });
  h.runtime.setSourceBreakpoints(sourceOf(program), [{ line: markerLine(program, marker) }]);
  const stop = await h.nextStop(() => h.runtime.start());
  assert.equal(stop.reason, 'breakpoint');
  h.runtime.setSourceBreakpoints(sourceOf(program), []);
  return { h, pid: stop.pid };
}

describe('runtime: stepping', () => {
  it('steps over a line and over a call without entering it', async () => {
    const { h, pid } = await stoppedAt('stack-grow', 'after_big_array');
    const start = h.top(pid).line;
    const stop = await h.nextStop(() => h.runtime.stepOver(pid, 'line'));
    assert.equal(stop.reason, 'step');
    const top = h.top(pid);
    assert.equal(top.name, 'main');
    assert.equal(top.line, start + 1);
    h.runtime.terminate();
  });

  it('steps into the recursion and out of it again', async () => {
    const { h, pid } = await stoppedAt('stack-grow', 'after_recursion');
    const into = await h.nextStop(() => h.runtime.stepIn(pid, 'line'));
    assert.equal(into.reason, 'step');
    let top = h.top(pid);
    assert.equal(top.name, 'recurse');
    assert.ok(top.line > 60 && top.line <= markerLine('stack-grow', 'recurse_entry'), `line ${top.line}`);
    const depth = h.runtime.stackTrace(pid, 0, 0).total;
    // step until the recursive call, then into it: one frame deeper
    for (let i = 0; i < 40 && !/recurse \(depth - 1\)/.test(lineText(top.line)); i++) {
      await h.nextStop(() => h.runtime.stepOver(pid, 'line'));
      top = h.top(pid);
    }
    assert.match(lineText(top.line), /recurse \(depth - 1\)/);
    await h.nextStop(() => h.runtime.stepIn(pid, 'line'));
    assert.equal(h.top(pid).name, 'recurse');
    assert.equal(h.runtime.stackTrace(pid, 0, 0).total, depth + 1);
    const out = await h.nextStop(() => h.runtime.stepOut(pid, 'line'));
    assert.equal(out.reason, 'step');
    assert.equal(h.top(pid).name, 'recurse');
    assert.equal(h.runtime.stackTrace(pid, 0, 0).total, depth);
    assert.match(lineText(h.top(pid).line), /recurse \(depth - 1\)/);
    const overRecursion = await h.nextStop(() => h.runtime.stepOver(pid, 'line'));
    assert.equal(overRecursion.reason, 'step');
    assert.equal(h.runtime.stackTrace(pid, 0, 0).total, depth);
    const toMain = await h.nextStop(() => h.runtime.stepOut(pid, 'line'));
    assert.equal(toMain.reason, 'step');
    assert.equal(h.top(pid).name, 'main');
    h.runtime.terminate();
  });

  it('stops at a breakpoint met while stepping over a call', async () => {
    const { h, pid } = await stoppedAt('stack-grow', 'after_recursion');
    const [bp] = h.runtime.setSourceBreakpoints(sourceOf('stack-grow'), [{ line: markerLine('stack-grow', 'recurse_entry') }]);
    const stop = await h.nextStop(() => h.runtime.stepOver(pid, 'line'));
    assert.equal(stop.reason, 'breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [bp.id]);
    assert.equal(h.top(pid).name, 'recurse');
    h.runtime.terminate();
  });

  it('steps single instructions', async () => {
    const { h, pid } = await stoppedAt('hello', 'main_entry');
    const pcs = [h.top(pid).pc];
    for (let i = 0; i < 5; i++) {
      const stop = await h.nextStop(() => h.runtime.stepIn(pid, 'instruction'));
      assert.equal(stop.reason, 'step');
      pcs.push(h.top(pid).pc);
    }
    assert.equal(new Set(pcs).size, pcs.length, 'every step moved');
    assert.ok(pcs[1] - pcs[0] > 0 && pcs[1] - pcs[0] < 16, 'the first step went to the next instruction');
    h.runtime.terminate();
  });

  it('steps in a forked child while the parent waits', async () => {
    const { h, pid } = await stoppedAt('fork-cow', 'child_write');
    assert.notEqual(pid, 1);
    const stop = await h.nextStop(() => h.runtime.stepOver(pid, 'line'));
    assert.equal(stop.pid, pid);
    assert.equal(h.top(pid).line, markerLine('fork-cow', 'child_write') + 1);
    h.runtime.terminate();
  });

  it('steps over exit and stops in the next live process', async () => {
    const { h, pid } = await stoppedAt('fork-cow', 'child_exit');
    const stop = await h.nextStop(() => h.runtime.stepOver(pid, 'line'));
    assert.equal(stop.reason, 'step');
    assert.notEqual(stop.pid, pid);
    assert.ok(!h.runtime.threads().some((t) => t.id === pid));
    assert.ok(h.log.some((r) => r.kind === 'threadExited' && r.pid === pid));
    h.runtime.terminate();
  });

  it('pauses a busy program and resumes it', async () => {
    const h = new RuntimeHarness({ program: 'bench' });
    h.runtime.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stop = await h.nextStop(() => h.runtime.pause());
    assert.equal(stop.reason, 'pause');
    assert.equal(h.runtime.running, false);
    assert.ok(h.runtime.stackTrace(stop.pid, 0, 20).frames.length >= 2);
    h.runtime.resume();
    assert.equal(h.runtime.running, true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const again = await h.nextStop(() => h.runtime.pause());
    assert.equal(again.reason, 'pause');
    h.runtime.terminate();
  });
});

const stackGrowLines = readFileSync(sourceOf('stack-grow'), 'utf8').split('\n');

/** The text of a line of stack-grow.c. */
function lineText(line: number): string {
  return stackGrowLines[line - 1] ?? '';
}
