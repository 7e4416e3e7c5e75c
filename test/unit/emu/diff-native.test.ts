// The native half of the differential test on hand-written cases with known results: the harness
// loads registers, flags and memory, runs the bytes, and reports registers, flags, changed bytes
// and faults exactly.
import { strict as assert } from 'node:assert';
import { buildHarness, runNative } from '../../diff/native';
import { CODE_ADDR, DATA_ADDR, DiffCase, FinalState, initialData } from '../../diff/state';

const CF = 0x1;
const PF = 0x4;
const ZF = 0x40;
const DF = 0x400;

/** A case with all registers zero except `set`, rsp in the data area. */
function mk(hex: string, set: Record<number, bigint> = {}, flags = 0): DiffCase {
  const regs = new Array<bigint>(16).fill(0n);
  regs[4] = BigInt(DATA_ADDR + 0x1900);
  for (const [k, v] of Object.entries(set)) regs[Number(k)] = v;
  return { code: Buffer.from(hex.replace(/ /g, ''), 'hex'), regs, flags, seed: 1234, patches: [] };
}

describe('differential harness (native)', function () {
  let exe = '';
  let results: FinalState[] = [];
  const cases = [
    mk('48 01 d8', { 0: 5n, 3: 7n }), // add rax, rbx
    mk('48 f7 f1', { 0: 9n }), // div rcx with rcx = 0
    mk('50', { 0: 0x1122334455667788n }), // push rax
    mk('48 8b 04 25 f8 ff ff 1f'), // mov rax, [DATA_ADDR - 8]
    mk('0f 92 c0', {}, CF), // setc al
    mk('31 c0', { 0: 77n }, CF), // xor eax, eax
    mk('fd'), // std
    mk('0f 0b'), // ud2
    mk('48 8b 04 25 fc 0f 00 20'), // mov rax, [DATA_ADDR + 0xffc]: crosses into the second page
  ];

  before(function () {
    exe = buildHarness();
    results = runNative(exe, cases);
  });

  it('adds two registers', function () {
    const r = results[0];
    assert.equal(r.kind, 'ok');
    assert.equal(r.rip, CODE_ADDR + 3);
    assert.equal(r.regs[0], 12n);
    assert.equal(r.flags & (CF | ZF | PF), PF);
  });

  it('reports a divide error on the div with registers unchanged', function () {
    const r = results[1];
    assert.equal(r.kind, 'divide');
    assert.equal(r.rip, CODE_ADDR);
    assert.equal(r.regs[0], 9n);
  });

  it('pushes onto the stack in the data area', function () {
    const r = results[2];
    assert.equal(r.regs[4], BigInt(DATA_ADDR + 0x18f8));
    const bytes = new Map(r.changes);
    for (let i = 0; i < 8; i++) {
      const expected = Number((0x1122334455667788n >> BigInt(8 * i)) & 0xffn);
      const before = initialData(cases[2])[0x18f8 + i];
      assert.equal(bytes.get(0x18f8 + i) ?? before, expected);
    }
  });

  it('reports a page fault below the data area with its address', function () {
    const r = results[3];
    assert.equal(r.kind, 'page-fault');
    assert.equal(r.rip, CODE_ADDR);
    assert.equal(r.addr, DATA_ADDR - 8);
  });

  it('loads the flags of the case', function () {
    assert.equal(results[4].regs[0], 1n);
    assert.equal(results[5].flags & (CF | ZF | PF), ZF | PF);
    assert.equal(results[6].flags & DF, DF);
  });

  it('reports an invalid opcode', function () {
    assert.equal(results[7].kind, 'invalid-opcode');
    assert.equal(results[7].rip, CODE_ADDR);
  });

  it('fills the data area from the seed as initialData does', function () {
    const data = initialData(cases[8]);
    const expected = new DataView(data.buffer).getBigUint64(0xffc, true);
    assert.equal(results[8].regs[0], expected);
  });
});
