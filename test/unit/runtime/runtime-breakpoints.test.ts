// Breakpoints through the DebugRuntime: source lines in forked children and exec'd programs,
// function and instruction breakpoints, conditions, hit counts, logpoints and watchpoints.
import { strict as assert } from 'node:assert';
import { markerLine, RuntimeHarness, sourceOf } from './runtime-harness';

describe('runtime: breakpoints', () => {
  it('hits a line breakpoint in a forked child, with the child selected', async () => {
    const h = new RuntimeHarness({ program: 'fork-cow' });
    const line = markerLine('fork-cow', 'child_start');
    const [bp] = h.runtime.setSourceBreakpoints(sourceOf('fork-cow'), [{ line }]);
    assert.equal(bp.verified, true);
    assert.equal(bp.line, line);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [bp.id]);
    assert.notEqual(stop.pid, 1);
    const threads = h.runtime.threads();
    assert.ok(threads.some((t) => t.id === stop.pid && t.name === `${stop.pid} child-0`), JSON.stringify(threads));
    assert.ok(h.log.some((r) => r.kind === 'threadStarted' && r.pid === stop.pid));
    const frames = h.runtime.stackTrace(stop.pid, 0, 20).frames;
    assert.deepEqual(frames.slice(0, 2).map((f) => f.name), ['run_child', 'main']);
    assert.equal(frames[0].line, line);
    assert.equal(frames[0].source, sourceOf('fork-cow'));
    const second = await h.nextStop(() => h.runtime.resume());
    assert.notEqual(second.pid, stop.pid);
    assert.equal(h.top(second.pid).name, 'run_child');
  });

  it('verifies to the next line with code and lists breakpoint locations', () => {
    const h = new RuntimeHarness({ program: 'hello' });
    const target = markerLine('hello', 'main_entry');
    const [bp] = h.runtime.setSourceBreakpoints(sourceOf('hello'), [{ line: 1 }]);
    assert.equal(bp.verified, true);
    assert.ok(bp.line !== undefined && bp.line > 1 && bp.line <= target);
    const lines = h.runtime.breakpointLocations(sourceOf('hello'), 1, 40).map((l) => l.line);
    assert.ok(lines.includes(target));
    const [missing] = h.runtime.setSourceBreakpoints('/nowhere/none.c', [{ line: 3 }]);
    assert.equal(missing.verified, false);
    h.runtime.terminate();
  });

  it('places breakpoints in a program a process execs later', async () => {
    const h = new RuntimeHarness({ program: 'merge-sort' });
    const [bp] = h.runtime.setSourceBreakpoints(sourceOf('sort-chunk'), [{ line: markerLine('sort-chunk', 'main_entry') }]);
    assert.equal(bp.verified, true);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'breakpoint');
    assert.equal(h.top(stop.pid).program, 'sort-chunk');
    assert.equal(h.top(stop.pid).name, 'main');
    h.runtime.terminate();
  });

  it('stops only when the condition holds and counts hits', async () => {
    const h = new RuntimeHarness({ program: 'hello', args: ['a', 'b', 'c', 'd'] });
    const line = markerLine('hello', 'print_arg');
    const [bp] = h.runtime.setSourceBreakpoints(sourceOf('hello'), [{ line, condition: 'i == 2' }]);
    assert.equal(bp.verified, true);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'breakpoint');
    assert.match(h.stdout, /argv\[1\] = 'a'/);
    assert.doesNotMatch(h.stdout, /argv\[2\]/);
    // a new breakpoint counts from 0; the one at the current pc is passed over on resume
    h.runtime.setSourceBreakpoints(sourceOf('hello'), [{ line, hitCondition: '>=2' }]);
    const third = await h.nextStop(() => h.runtime.resume());
    assert.equal(third.reason, 'breakpoint');
    assert.match(h.stdout, /argv\[3\] = 'c'/);
    assert.doesNotMatch(h.stdout, /argv\[4\]/);
    h.runtime.terminate();
  });

  it('rejects a condition that does not parse and a bad hit condition', () => {
    const h = new RuntimeHarness({ program: 'hello' });
    const line = markerLine('hello', 'print_arg');
    const [a, b] = h.runtime.setSourceBreakpoints(sourceOf('hello'), [
      { line, condition: 'i ==' },
      { line, hitCondition: 'often' },
    ]);
    assert.equal(a.verified, false);
    assert.match(a.message ?? '', /condition 'i =='/);
    assert.equal(b.verified, false);
    assert.match(b.message ?? '', /hit condition 'often'/);
    h.runtime.terminate();
  });

  it('logs a logpoint message without stopping', async () => {
    const h = new RuntimeHarness({ program: 'hello', args: ['x', 'y'] });
    h.runtime.setSourceBreakpoints(sourceOf('hello'), [{ line: markerLine('hello', 'print_arg'), logMessage: 'arg {i} of {argc}' }]);
    const code = await h.exit(() => h.runtime.start());
    assert.equal(code, 0);
    assert.match(h.console, /arg 0 of 3\narg 1 of 3\narg 2 of 3\n/);
  });

  it('stops at a function breakpoint after the prologue, and at an instruction breakpoint', async () => {
    const h = new RuntimeHarness({ program: 'stack-grow' });
    const [fn] = h.runtime.setFunctionBreakpoints([{ name: 'big_local_array' }]);
    assert.equal(fn.verified, true);
    assert.equal(h.runtime.setFunctionBreakpoints([{ name: 'big_local_array' }, { name: 'no_such_function' }])[1].verified, false);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'function breakpoint');
    const top = h.top(stop.pid);
    assert.equal(top.name, 'big_local_array');
    h.runtime.setFunctionBreakpoints([]);
    const caller = h.runtime.stackTrace(stop.pid, 0, 2).frames[1];
    const [ib] = h.runtime.setInstructionBreakpoints([{ instructionReference: `0x${caller.pc.toString(16)}` }]);
    assert.equal(ib.verified, true);
    const back = await h.nextStop(() => h.runtime.resume());
    assert.equal(back.reason, 'instruction breakpoint');
    assert.equal(h.top(back.pid).pc, caller.pc);
    h.runtime.terminate();
  });

  it('stops after a write to a watched global, with old and new value', async () => {
    const h = new RuntimeHarness({ program: 'stack-grow', stopOnEntry: true });
    await h.nextStop(() => h.runtime.start());
    const info = h.runtime.dataBreakpointInfo({ name: 'main_frame' });
    assert.ok(info.dataId, info.description);
    const [wp] = h.runtime.setDataBreakpoints([{ dataId: info.dataId, accessType: 'write' }]);
    assert.equal(wp.verified, true);
    const stop = await h.nextStop(() => h.runtime.resume());
    assert.equal(stop.reason, 'data breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [wp.id]);
    // The .bss page was not loaded before the write: its old value reads as the zeros it held.
    assert.match(stop.description, /^Write to main_frame .*: 0 → [1-9]\d*$/);
    const line = h.top(stop.pid).line;
    assert.ok(line === markerLine('stack-grow', 'main_entry') || line === markerLine('stack-grow', 'main_entry') + 1, `stopped at line ${line}`);
    h.runtime.setDataBreakpoints([]);
    h.runtime.terminate();
  });

  it('watches an address range given as an address', async () => {
    const h = new RuntimeHarness({ program: 'stack-grow', stopOnEntry: true });
    await h.nextStop(() => h.runtime.start());
    const global = h.runtime.dataBreakpointInfo({ name: 'lowest_frame' });
    const address = global.description.match(/0x[0-9a-f]+/)![0];
    const info = h.runtime.dataBreakpointInfo({ name: address, asAddress: true, bytes: 8 });
    assert.ok(info.dataId, info.description);
    h.runtime.setDataBreakpoints([{ dataId: info.dataId, accessType: 'readWrite' }]);
    const stop = await h.nextStop(() => h.runtime.resume());
    assert.equal(stop.reason, 'data breakpoint');
    assert.equal(h.top(stop.pid).name, 'recurse');
    h.runtime.terminate();
  });

  it('watches a local found through a Locals reference and stops when it changes', async () => {
    const h = new RuntimeHarness({ program: 'stack-grow' });
    h.runtime.setSourceBreakpoints(sourceOf('stack-grow'), [{ line: markerLine('stack-grow', 'fill_big_array') }]);
    const stop = await h.nextStop(() => h.runtime.start());
    h.runtime.setSourceBreakpoints(sourceOf('stack-grow'), []);
    const locals = h.runtime.inspector.scopes(h.top(stop.pid).id).find((s) => s.name === 'Locals')!;
    const info = h.runtime.dataBreakpointInfo({ name: 'i', variablesReference: locals.variablesReference });
    assert.ok(info.dataId, info.description);
    const [wp] = h.runtime.setDataBreakpoints([{ dataId: info.dataId, accessType: 'write', hitCondition: '3' }]);
    assert.equal(wp.verified, true);
    const hit = await h.nextStop(() => h.runtime.resume());
    assert.equal(hit.reason, 'data breakpoint');
    assert.match(hit.description, /: 2 → 3$/);
    assert.equal(h.top(hit.pid).name, 'big_local_array');
    h.runtime.terminate();
  });
});
