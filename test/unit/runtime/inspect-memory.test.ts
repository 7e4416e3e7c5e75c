// Reading without side effects: values, raw memory and disassembly of pages that are not present
// show as unreadable and never fault a page in or change an accessed/dirty bit; disassembly
// forwards and backwards around rip; memory writes.
import { strict as assert } from 'node:assert';
import { Inspector } from '../../../src/runtime/inspect';
import { runToMarker, type Stopped } from './inspect-live';

const PAGE = 4096;

/** Everything an inspection must not change: fault count, SPT (with A/D bits), the page tables. */
function vmState(s: Stopped): string {
  const vm = s.booted.kernel.vm;
  return JSON.stringify({ faults: s.booted.kernel.pageFaults, spt: vm.inspectSpt(s.process.space), tables: vm.inspectPageTables(s.process.space), frames: vm.inspectFrames() });
}

describe('inspect: pages that are not present (stack-grow before its read)', function () {
  let s: Stopped;
  let inspector: Inspector;
  let absent: number;

  before(() => {
    s = runToMarker('stack-grow', 'read_fresh_stack');
    inspector = new Inspector(s.host);
    const buf = inspector.evaluateAddress('buf', 0);
    const memory = s.host.processMemory(s.process.pid);
    absent = -1;
    for (let page = buf - (buf % PAGE) + PAGE; page < buf + 16384; page += PAGE) {
      if (memory?.read(page, 1).bytes.length === 0) {
        absent = page;
        break;
      }
    }
    assert.ok(absent > 0, 'the buffer has a page that is not present yet');
  });

  it('shows values on absent pages as unreadable, without faulting them in', () => {
    const before = vmState(s);
    const index = absent - inspector.evaluateAddress('buf', 0);
    const text = `buf[${index}]`;
    assert.equal(inspector.evaluate(text, 0, 'watch').result, `<unreadable: page 0x${absent.toString(16)} not present>`);
    assert.equal(inspector.evaluate(`&${text}`, 0, 'watch').result, `0x${absent.toString(16)} <unreadable: page 0x${absent.toString(16)} not present>`);
    assert.equal(inspector.evaluate(`(long)&${text}`, 0, 'watch').result, String(absent));
    assert.throws(() => inspector.evaluate(`${text} + 1`, 0, 'watch'), new RegExp(`page 0x${absent.toString(16)} not present`));
    const locals = inspector.variables(inspector.scopes(0)[0].variablesReference);
    const buf = locals.find((v) => v.name === 'buf');
    assert.ok(buf);
    assert.equal(buf.indexedVariables, 16384);
    const rows = inspector.variables(buf.variablesReference, { start: index - 1, count: 2 });
    assert.equal(rows[1].value, `<unreadable: page 0x${absent.toString(16)} not present>`);
    for (const scope of inspector.scopes(0)) inspector.variables(scope.variablesReference);
    inspector.evaluate(`x/4xg &${text}`, 0, 'repl');
    inspector.evaluate(`spt &${text}`, 0, 'repl');
    inspector.evaluate(`walk &${text}`, 0, 'repl');
    assert.equal(vmState(s), before);
  });

  it('reads raw memory up to the first absent page and says how much to skip', () => {
    const before = vmState(s);
    const none = inspector.readMemory(`0x${absent.toString(16)}`, 0, 64);
    assert.equal(none.address, `0x${absent.toString(16)}`);
    assert.equal(none.data.length, 0);
    assert.equal(none.unreadableBytes, 64);
    const across = inspector.readMemory(`0x${(absent - 16).toString(16)}`, 0, 32);
    const previousPresent = s.host.processMemory(s.process.pid)?.read(absent - 16, 16).bytes.length === 16;
    assert.equal(across.data.length, previousPresent ? 16 : 0);
    assert.equal(across.data.length + across.unreadableBytes, 32);
    const top = inspector.readMemory(`0x${s.frames[0].registers.get('rsp')?.toString(16)}`, 8, 16);
    assert.equal(top.data.length, 16);
    assert.equal(inspector.readMemory('0x800400000', 0, 16).unreadableBytes, 16);
    assert.equal(vmState(s), before);
  });

  it('refuses writes to absent pages and read-only code; writes the stack', () => {
    const before = vmState(s);
    assert.throws(() => inspector.writeMemory(`0x${absent.toString(16)}`, 0, Uint8Array.of(1)), /cannot write: page 0x[0-9a-f]+ not present/);
    const code = inspector.evaluateAddress('main', 0);
    assert.throws(() => inspector.writeMemory(`0x${code.toString(16)}`, 0, Uint8Array.of(0x90)), /cannot write: page 0x[0-9a-f]+ is read-only/);
    const index = absent - inspector.evaluateAddress('buf', 0);
    assert.throws(() => inspector.setExpression(`buf[${index}]`, '1', 0), /not present/);
    assert.equal(vmState(s), before);
    const n = inspector.evaluateAddress('&n', 0);
    const old = inspector.readMemory(`0x${n.toString(16)}`, 0, 4).data;
    assert.deepEqual(inspector.writeMemory(`0x${n.toString(16)}`, 0, Uint8Array.of(7, 0, 0, 0)), { bytesWritten: 4 });
    assert.equal(inspector.evaluate('n', 0, 'watch').result, '7');
    inspector.writeMemory(`0x${n.toString(16)}`, 0, old);
  });

  it('disassembles forwards and backwards around rip, honouring the count', () => {
    const pc = s.frames[0].pc;
    const ref = `0x${pc.toString(16)}`;
    const forward = inspector.disassemble(ref, 0, 0, 5);
    assert.equal(forward.length, 5);
    assert.equal(forward[0].address, ref);
    assert.equal(forward[0].symbol, `read_into_fresh_stack+0x${(pc - inspector.evaluateAddress('read_into_fresh_stack', 0)).toString(16)}`);
    assert.ok(forward.every((r) => r.presentationHint === undefined && r.line !== undefined && r.location?.path.endsWith('stack-grow.c')));
    const around = inspector.disassemble(ref, 0, -10, 20);
    assert.equal(around.length, 20);
    assert.equal(around[10].address, ref);
    for (let i = 0; i + 1 < around.length; i++) {
      const size = (around[i].instructionBytes ?? '').split(' ').length;
      assert.equal(Number(around[i].address) + size, Number(around[i + 1].address), `row ${i} ends where row ${i + 1} starts`);
    }
    const bare = (rows: typeof forward) => rows.map((r) => ({ ...r, symbol: undefined }));
    assert.deepEqual(bare(around.slice(10, 15)), bare(forward));
    const start = inspector.evaluateAddress('read_into_fresh_stack', 0);
    const wide = inspector.disassemble(ref, 0, -60, 61);
    assert.equal(wide[60].address, ref);
    assert.ok(wide.some((r) => Number(r.address) === start && r.symbol === 'read_into_fresh_stack'), 'the function start is a row, labelled');
    s.host.localSourcePath = (p) => p.replace('/userprogs/src/', '/local/');
    assert.match(inspector.disassemble(ref, 0, 0, 1)[0].location?.path ?? '', /\/local\/stack-grow\.c$/);
    delete s.host.localSourcePath;
    const far = inspector.disassemble(ref, 0, -400, 10);
    assert.equal(far.length, 10);
    const past = inspector.disassemble(ref, 0, 3, 2);
    assert.deepEqual(bare(past), bare(forward.slice(3, 5)));
  });

  it('gives invalid rows for unreadable code', () => {
    const rows = inspector.disassemble(`0x${absent.toString(16)}`, 0, -2, 6);
    assert.equal(rows.length, 6);
    assert.ok(rows.slice(2).every((r) => r.presentationHint === 'invalid' && r.instruction === '??'));
    const low = inspector.disassemble('0x400000', 0, -5, 8);
    assert.equal(low.length, 8);
    assert.ok(low.slice(0, 5).every((r) => r.presentationHint === 'invalid'));
  });
});

describe('inspect: untouched BSS (merge-sort at main)', function () {
  it('shows arrays on pages never loaded as unreadable, and leaves them unloaded', () => {
    const s = runToMarker('merge-sort', 'main_entry');
    const inspector = new Inspector(s.host);
    const before = vmState(s);
    const globals = inspector.variables(inspector.scopes(0)[2].variablesReference);
    const data = globals.find((g) => g.name === 'data');
    assert.ok(data);
    assert.match(data.value, /^<unreadable: page 0x[0-9a-f]+ not present>$/);
    assert.equal(data.type, 'unsigned char [1048576]');
    assert.equal(data.indexedVariables, 1048576);
    const rows = inspector.variables(data.variablesReference, { start: 500000, count: 3 });
    assert.deepEqual(rows.map((r) => r.name), ['[500000]', '[500001]', '[500002]']);
    assert.ok(rows.every((r) => r.value.startsWith('<unreadable: page')));
    assert.match(inspector.evaluate('spt &data[500000]', 0, 'repl').result, /state: not-loaded/);
    assert.equal(inspector.readMemory('data', 4096, 16).data.length, 0);
    assert.equal(vmState(s), before);
  });
});
