// VM exception breakpoints and the VM views through the DebugRuntime.
import { strict as assert } from 'node:assert';
import { markerLine, RuntimeHarness, sourceOf } from './runtime-harness';

describe('runtime: VM events', () => {
  it('breaks on stack growth with the faulting address, rsp and the SPT entry', async () => {
    const h = new RuntimeHarness({ program: 'stack-grow' });
    assert.deepEqual(h.runtime.setExceptionFilters([{ filterId: 'stack-growth' }]), [{ verified: true }]);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'exception');
    assert.equal(stop.text, 'Stack growth');
    const m = /^Page fault at (0x[0-9a-f]+) \((read|write), (user|kernel)\): stack growth$/.exec(stop.description);
    assert.ok(m, stop.description);
    const info = h.runtime.exceptionInfo(stop.pid);
    assert.ok(info);
    assert.equal(info.exceptionId, 'Stack growth');
    assert.match(info.details.message, /rsp 0x[0-9a-f]+/);
    assert.match(info.details.message, /SPT entry: page 0x[0-9a-f]+, anon, stack, writable, in-frame/);
    const addr = Number(m[1]);
    const rsp = Number(/rsp (0x[0-9a-f]+)/.exec(info.details.message)![1]);
    assert.ok(addr >= rsp - 8 && addr < 0x47480000, `addr ${addr.toString(16)} rsp ${rsp.toString(16)}`);
    const spt = h.runtime.custom('pintos/spt', { pid: stop.pid });
    assert.ok(spt.entries.some((e) => e.va === addr - (addr % 4096) && e.stack === true));
    h.runtime.terminate();
  });

  it('breaks on copy-on-write in the process that wrote, honouring a condition on pid', async () => {
    const h = new RuntimeHarness({ program: 'fork-cow' });
    h.runtime.setExceptionFilters([{ filterId: 'copy-on-write', condition: 'pid != 1' }]);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'exception');
    assert.notEqual(stop.pid, 1);
    assert.match(stop.description, /: copy-on-write/);
    const events = h.runtime.custom('pintos/events', { kinds: ['page-fault'] }).events;
    const last = events[events.length - 1];
    assert.equal(last.pid, stop.pid);
    assert.match(String(last.resolution), /^cow-/);
    assert.ok(h.runtime.threads().some((t) => t.id === stop.pid && /child-/.test(t.name)));
    const processes = h.runtime.custom('pintos/processes', {}).processes;
    assert.ok(processes.some((p) => p.pid === stop.pid && p.program === 'fork-cow' && p.parentPid === 1));
    h.runtime.terminate();
  });

  it('breaks on eviction under memory pressure', async () => {
    const h = new RuntimeHarness({ program: 'pressure', args: ['1'], memoryMB: 2 });
    h.runtime.setExceptionFilters([{ filterId: 'eviction' }]);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'exception');
    assert.match(stop.description, /^Eviction of page 0x[0-9a-f]+ of pid 1 from frame \d+ \(anon/);
    const frames = h.runtime.custom('pintos/frames', {});
    assert.equal(frames.used, frames.capacity);
    assert.equal(h.runtime.exceptionInfo(stop.pid)?.exceptionId, 'Eviction');
    h.runtime.setExceptionFilters([{ filterId: 'swap-out' }]);
    const out = await h.nextStop(() => h.runtime.resume());
    assert.match(out.description, /^Swap-out of page 0x[0-9a-f]+ from frame \d+ to slot \d+$/);
    const stats = h.runtime.custom('pintos/stats', {});
    assert.ok(stats.total.swapOuts >= 1 && stats.timeline.length >= 1);
    h.runtime.terminate();
  });

  it('stops on an invalid access by default; resuming kills the process', async () => {
    const h = new RuntimeHarness({ program: 'bad-ptr' });
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'exception');
    assert.match(stop.description, /^Invalid access at 0x8004000000 — process will be killed: /);
    assert.equal(h.runtime.exceptionInfo(stop.pid)?.breakMode, 'unhandled');
    assert.deepEqual(h.runtime.threads(), [{ id: 1, name: '1 bad-ptr' }]);
    const names = h.runtime.stackTrace(stop.pid, 0, 10).frames.map((f) => f.name);
    assert.ok(names.includes('main'), names.join(','));
    const code = await h.exit(() => h.runtime.resume());
    assert.equal(code, -1);
    assert.match(h.stdout, /bad-ptr: exit\(-1\)/);
  });

  it('does not stop on an invalid access once the filter is off, and reports bad filters', async () => {
    const h = new RuntimeHarness({ program: 'bad-ptr' });
    const results = h.runtime.setExceptionFilters([{ filterId: 'no-such-filter' }, { filterId: 'page-fault', condition: 'addr ==' }]);
    assert.equal(results[0].verified, false);
    assert.equal(results[1].verified, false);
    const code = await h.exit(() => h.runtime.start());
    assert.equal(code, -1);
  });

  it('breaks on a system call chosen by number and shows the page walk', async () => {
    const h = new RuntimeHarness({ program: 'hello' });
    h.runtime.setExceptionFilters([{ filterId: 'syscall', condition: 'nr == 10 && arg0 == 1' }]);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.match(stop.description, /^System call write \(10\)\(1, /);
    const rsp = h.runtime.frameContext(h.top(stop.pid).id)!.registers.get('rsp')!;
    const walk = h.runtime.custom('pintos/pageWalk', { pid: stop.pid, va: Number(rsp) });
    assert.equal(walk.outcome, 'mapped');
    assert.equal(walk.levels.length, 4);
    assert.ok(h.runtime.custom('pintos/pageTables', { pid: stop.pid }).mappings.length > 0);
    assert.equal(h.runtime.custom('pintos/swap', {}).usedSlots, 0);
    assert.throws(() => h.runtime.custom('pintos/spt', { pid: 99 }), /no live process with pid 99/);
    h.runtime.terminate();
  });

  it('watches a physical frame and stops when its page is written', async () => {
    const h = new RuntimeHarness({ program: 'fork-cow' });
    h.runtime.setSourceBreakpoints(sourceOf('fork-cow'), [{ line: markerLine('fork-cow', 'fill'), hitCondition: '2' }]);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.equal(stop.reason, 'breakpoint');
    const shared = Number(/0x[0-9a-f]+/.exec(h.runtime.dataBreakpointInfo({ name: 'shared' }).description)![0]);
    const { dataId, description, watching } = h.runtime.custom('pintos/watchPage', { pid: stop.pid, va: shared, physical: true });
    assert.match(dataId, /^p:/);
    assert.equal(watching, true, 'the request itself installs the watch');
    assert.match(description, /^frame at physical 0x[0-9a-f]+ \(holding page 0x[0-9a-f]+ of pid 1\)$/);
    h.runtime.setSourceBreakpoints(sourceOf('fork-cow'), []);
    h.runtime.setDataBreakpoints([]); // the protocol's set does not remove page watches
    const hit = await h.nextStop(() => h.runtime.resume());
    assert.equal(hit.reason, 'data breakpoint');
    assert.match(hit.description, /^Write to frame at physical 0x[0-9a-f]+/);
    h.runtime.terminate();
  });

  it('turns a page watch off when asked again', async () => {
    const h = new RuntimeHarness({ program: 'fork-cow' });
    h.runtime.setSourceBreakpoints(sourceOf('fork-cow'), [{ line: markerLine('fork-cow', 'fill'), hitCondition: '2' }]);
    const stop = await h.nextStop(() => h.runtime.start());
    const shared = Number(/0x[0-9a-f]+/.exec(h.runtime.dataBreakpointInfo({ name: 'shared' }).description)![0]);
    assert.equal(h.runtime.custom('pintos/watchPage', { pid: stop.pid, va: shared, physical: true }).watching, true);
    assert.equal(h.runtime.custom('pintos/watchPage', { pid: stop.pid, va: shared, physical: true }).watching, false);
    h.runtime.setSourceBreakpoints(sourceOf('fork-cow'), []);
    assert.equal(await h.exit(() => h.runtime.resume()), 0, 'runs to the end without stopping on the page');
  });
});
