// mmap and munmap: every validity rule of PINTOS-ABI.md §6, lazy FILE pages with a zero tail, the
// mapping's own file (survives close and remove), read-only mappings kill writers, dirty pages
// written back at munmap and at exit, clean ones not.
import { strict as assert } from 'node:assert';
import type { AddressSpace } from '../../../src/kernel/vm/virtual-memory';
import { KERN_BASE, Killed, PAGE, USER_STACK, eventsOf, makeMachine, readUser, str, text, usage, writeUser, type Machine } from './vm-machine';

const MAP = 0x10000000;

function setup() {
  const m = makeMachine({ userFrames: 16 });
  const before = usage(m);
  const content = new Uint8Array(PAGE + 1000);
  for (let i = 0; i < content.length; i++) content[i] = 0x41 + (i % 26);
  m.fs.putFile('sample.txt', content);
  m.fs.putFile('empty', new Uint8Array(0));
  const exe = m.fs.open('sample.txt')!;
  const space = m.vm.createSpace(1)!;
  assert.ok(m.vm.addSegment(space, { vaddr: 0x400000, file: exe, offset: 0, readBytes: 100, zeroBytes: PAGE - 100, writable: false }));
  exe.close();
  assert.ok(m.vm.setupStack(space));
  return { m, space, content, before };
}

function map(m: Machine, space: AddressSpace, addr: number, length: number, opts: { writable?: boolean; offset?: number; file?: string } = {}) {
  const name = opts.file ?? 'sample.txt';
  return m.vm.mmap(space, addr, length, opts.writable ?? true, m.fs.open(name)!, opts.offset ?? 0, 3, name);
}

describe('vm: mmap', () => {
  it('refuses every invalid request, closing the file it was given', () => {
    const { m, space } = setup();
    const files = m.fs.openFileInodes;
    const refused: [string, number, number, object?][] = [
      ['address 0', 0, 100],
      ['unaligned address', MAP + 12, 100],
      ['length 0', MAP, 0],
      ['unaligned offset', MAP, 100, { offset: 100 }],
      ['empty file', MAP, 100, { file: 'empty' }],
      ['kernel address', KERN_BASE, 100],
      ['range running into kernel space', KERN_BASE - PAGE, 2 * PAGE],
      ['over the code segment', 0x400000, 100],
      ['ending over the code segment', 0x400000 - PAGE, 2 * PAGE],
      ['over the stack', USER_STACK - PAGE, 100],
    ];
    for (const [what, addr, length, opts] of refused) {
      assert.equal(map(m, space, addr, length, opts), 0, what);
      assert.equal(m.fs.openFileInodes, files, `${what}: file closed`);
    }
    assert.equal(map(m, space, MAP, 2 * PAGE), MAP);
    assert.equal(map(m, space, MAP + PAGE, 100), 0, 'over another mapping');
    assert.equal(map(m, space, MAP - PAGE, 2 * PAGE), 0, 'running into another mapping');
    assert.equal(eventsOf(m, 'mmap').length, 1);
  });

  it('maps lazily, reads the file, and zeroes the tail past end of file', () => {
    const { m, space, content } = setup();
    const addr = map(m, space, MAP, content.length);
    assert.equal(addr, MAP);
    assert.equal(m.vm.frameAddress(space, MAP), 0, 'lazy');
    assert.deepEqual(
      m.vm.inspectSpt(space).filter((e) => e.region === 'mmap').map((e) => [e.va, e.kind, e.target, e.fileOffset, e.fileBytes, e.mapping]),
      [
        [MAP, 'uninit', 'file', 0, PAGE, MAP],
        [MAP + PAGE, 'uninit', 'file', PAGE, 1000, MAP],
      ],
    );
    assert.deepEqual(readUser(m, space, MAP, content.length), content);
    assert.ok(readUser(m, space, MAP + content.length, 2 * PAGE - content.length).every((b) => b === 0));
    assert.deepEqual(eventsOf(m, 'page-fault').map((f) => [f.resolution, f.detail]), [
      ['lazy-file', 'file'],
      ['lazy-file', 'file'],
    ]);
  });

  it('maps from an offset', () => {
    const { m, space, content } = setup();
    assert.equal(map(m, space, MAP, 1000, { offset: PAGE }), MAP);
    assert.deepEqual(readUser(m, space, MAP, 1000), content.subarray(PAGE));
  });

  it('kills a write to a read-only mapping', () => {
    const { m, space } = setup();
    assert.equal(map(m, space, MAP, 100, { writable: false }), MAP);
    assert.throws(() => writeUser(m, space, MAP, text('x')), (e: Killed) => e.reason === 'write to read-only mapping');
    readUser(m, space, MAP, 1);
    assert.throws(() => writeUser(m, space, MAP, text('x')), (e: Killed) => e.reason === 'write to read-only mapping');
  });

  it('writes back dirty pages at munmap, and only those', () => {
    const { m, space, before } = setup();
    assert.equal(map(m, space, MAP, PAGE + 1000), MAP);
    readUser(m, space, MAP, 10);
    writeUser(m, space, MAP + PAGE + 5, text('HELLO'));
    m.vm.munmap(space, MAP + PAGE);
    assert.equal(eventsOf(m, 'munmap').length, 0, 'not an address mmap returned: no effect');
    m.vm.munmap(space, MAP);
    assert.deepEqual(eventsOf(m, 'write-back').map((e) => [e.page, e.offset, e.bytes]), [[MAP + PAGE, PAGE, 1000]]);
    assert.deepEqual(eventsOf(m, 'munmap').map((e) => [e.addr, e.length, e.pagesWrittenBack]), [[MAP, PAGE + 1000, 1]]);
    assert.equal(str(m.fs.getFile('sample.txt')!.subarray(PAGE + 5, PAGE + 10)), 'HELLO');
    assert.throws(() => readUser(m, space, MAP, 1), (e: Killed) => e.reason === 'not in SPT');
    assert.equal(map(m, space, MAP, 100), MAP, 'the range is free again');
    m.vm.destroySpace(space);
    assert.deepEqual(usage(m), before);
  });

  it('writes back at exit, and keeps working after the file is closed and removed', () => {
    const { m, space, before } = setup();
    const original = m.fs.open('sample.txt')!;
    const addr = m.vm.mmap(space, MAP, 100, true, original.reopen(), 0, 3, 'sample.txt');
    original.close();
    assert.ok(m.fs.remove('sample.txt'));
    assert.equal(str(readUser(m, space, addr, 5)), 'ABCDE');
    writeUser(m, space, addr, text('abc'));
    m.vm.destroySpace(space);
    assert.equal(eventsOf(m, 'write-back').length, 1);
    assert.equal(eventsOf(m, 'munmap').length, 1, 'exit unmaps');
    assert.deepEqual(usage(m), before);
  });
});
