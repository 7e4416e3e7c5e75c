// The kernel frame on top of the call stack while a process is stopped in the middle of kernel
// work: a system call stopped at an eviction inside one of its faults, then at that fault's end,
// a call stopped at its last event before it returns, and an exit stopped at a munmap of its
// address space's release.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { BUILD, RuntimeHarness } from './runtime-harness';

const vmTest = (name: string) => path.join(BUILD, 'tests', 'vm', name);

describe('runtime: the kernel work a stopped process is in', () => {
  it('names a system call stopped at an eviction of one of its faults, then at the fault resolved', async () => {
    const h = new RuntimeHarness({ program: vmTest('swap-syscall'), memoryMB: 2 });
    h.runtime.setExceptionFilters([{ filterId: 'syscall', condition: 'nr == 10' }]);
    const entered = await h.nextStop(() => h.runtime.start());
    assert.equal(h.top(entered.pid).name, '[kernel] write: entered, not started yet');

    h.runtime.setExceptionFilters([{ filterId: 'eviction' }]);
    const evicting = await h.nextStop(() => h.runtime.resume());
    assert.match(evicting.description, /^Eviction of page/);
    const label = h.top(evicting.pid).name;
    const m = /^\[kernel\] write: copying from the user buffer, page fault at (0x[0-9a-f]+): evicting frame \d+ \(page 0x[0-9a-f]+ of pid 1\)$/.exec(label);
    assert.ok(m, label);
    const faulting = Number(m[1]);
    const entry = h.runtime.custom('pintos/spt', { pid: evicting.pid }).entries.find((e) => e.va === faulting - (faulting % 4096));
    assert.equal(entry?.state, 'in-swap', 'the page the call needs is still in swap');

    h.runtime.setExceptionFilters([{ filterId: 'page-fault' }]);
    const resolved = await h.nextStop(() => h.runtime.resume());
    assert.match(resolved.description, new RegExp(`^Page fault at ${m[1]} \\(read, kernel\\): swap-in$`));
    assert.equal(h.top(resolved.pid).name, `[kernel] write: copying from the user buffer, page fault at ${m[1]}: resolved`);
    h.runtime.terminate();
  });

  it('holds a system call whose last event stopped before it returns', async () => {
    const h = new RuntimeHarness({ program: vmTest('mmap-exit-wb') });
    h.runtime.setExceptionFilters([{ filterId: 'mmap', condition: 'kind == "mmap"' }]);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.match(stop.description, /^mmap of '[^']+' \(fd \d+\) at 0x10000000/);
    const top = h.top(stop.pid);
    assert.equal(top.name, '[kernel] mmap: returning 0x10000000');
    assert.equal(h.runtime.frameContext(top.id)?.registers.get('rax'), 14n, 'rax still holds the call number');
    h.runtime.setExceptionFilters([]);
    assert.equal(await h.exit(() => h.runtime.resume()), 0);
  });

  it('names an exit stopped at a munmap of its release, with the rest of the space still in place', async () => {
    const h = new RuntimeHarness({ program: vmTest('mmap-exit-wb') });
    h.runtime.setExceptionFilters([{ filterId: 'mmap', condition: 'kind == "munmap"' }]);
    const stop = await h.nextStop(() => h.runtime.start());
    assert.match(stop.description, /^munmap at 0x10000000/);
    assert.equal(stop.pid, 2);
    assert.equal(h.top(stop.pid).name, '[kernel] exit(7): releasing the address space: mapping at 0x10000000 removed');
    const spt = h.runtime.custom('pintos/spt', { pid: stop.pid }).entries;
    assert.ok(!spt.some((e) => e.va === 0x10000000), 'the mapping is gone');
    assert.ok(spt.some((e) => e.state === 'in-frame'), 'the rest of the space is still there');
    h.runtime.setExceptionFilters([]);
    assert.equal(await h.exit(() => h.runtime.resume()), 0);
  });
});
