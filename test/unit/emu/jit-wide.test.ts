// The compiled tier does 64-bit arithmetic on 32-bit halves (no BigInt): carries and borrows
// between the halves, shift and rotate counts of 32 and more, and the low half of 64-bit products
// must come out as the interpreter and the architecture say. Each program runs compiled on first
// use (by the JavaScript and by the WebAssembly tier) and interpreted only; each must reach the
// values computed here with BigInt.
import { strict as assert } from 'node:assert';
import { CODE, makeMachine, type TestMachine } from './machine-fixture';

const M = 1n << 64n;
const u64 = (v: bigint) => BigInt.asUintN(64, v);
const s64 = (v: bigint) => BigInt.asIntN(64, v);
const rol = (v: bigint, n: bigint) => u64((v << n) | (v >> (64n - n)));

/** The program on a compiling and an interpreting machine, each run to its hlt. */
function runTwins(code: string, setup: (t: TestMachine) => void): TestMachine[] {
  return [{ compileAfter: 0, engine: 'js' as const }, { compileAfter: 0, engine: 'wasm' as const }, { compileAfter: Infinity }].map((options) => {
    const t = makeMachine(code, options);
    setup(t);
    assert.equal(t.m.run(10_000).kind, 'halt');
    return t;
  });
}

describe('compiled 64-bit arithmetic on 32-bit halves', () => {
  it('push, pop, call, leave and ret carry and borrow rsp across a 4 GiB boundary', () => {
    // loop: push rax; push rbx; pop rcx; pop rdx; push 7; call f; dec rsi; jne loop; hlt; 4 x nop
    // f: push rbp; mov rbp, rsp; sub rsp, 16; leave; ret 8
    const code = '50 53 59 5a 6a 07 e8 0a 00 00 00 48 ff ce 75 f0 f4 90 90 90 90 55 48 89 e5 48 83 ec 10 c9 c2 08 00';
    const top = 0x100000008;
    for (const t of runTwins(code, (t) => {
      t.map(0xfffff000, true);
      t.map(0x100000000, true);
      t.m.setReg('rsp', BigInt(top));
      t.m.setReg('rax', 0x1122334455667788n);
      t.m.setReg('rbx', 0x99aabbccddeeff00n);
      t.m.setReg('rsi', 3n);
    })) {
      assert.equal(t.m.getReg('rsp'), BigInt(top));
      assert.equal(t.m.getReg('rcx'), 0x99aabbccddeeff00n);
      assert.equal(t.m.getReg('rdx'), 0x1122334455667788n);
      assert.equal(t.peek64(0xfffffff8), BigInt(CODE + 0x0b)); // the return address, below 4 GiB
      assert.equal(t.peek64(0x100000000), 7n); // the pushed immediate, above it
      assert.equal(t.m.retired, 3 * 13 + 1); // 13 instructions a pass (f included), and the hlt
    }
  });

  it('add, sub, shifts, rotates, imul and a signed compare agree with BigInt arithmetic', () => {
    // mov rax, -16; mov rbx, 32; add rax, rbx; mov rcx, rax; sub rcx, rbx; shl rcx, 36;
    // mov rdx, rcx; sar rdx, 40; shr rcx, 33; rol rbx, 40; ror rax, 3; imul rbx, rdx;
    // cmp rax, rdx; setl dil; imul rax, rcx; seto cl; hlt
    const code = [
      '48 b8 f0 ff ff ff ff ff ff ff', '48 bb 20 00 00 00 00 00 00 00', '48 01 d8', '48 89 c1', '48 29 d9',
      '48 c1 e1 24', '48 89 ca', '48 c1 fa 28', '48 c1 e9 21', '48 c1 c3 28', '48 c1 c8 03', '48 0f af da',
      '48 39 d0', '40 0f 9c c7', '48 0f af c1', '0f 90 c1', 'f4',
    ].join(' ');
    let rax = u64(-16n);
    let rbx = 32n;
    rax = (rax + rbx) % M;
    let rcx = u64(rax - rbx);
    rcx = u64(rcx << 36n);
    const rdx = u64(s64(rcx) >> 40n);
    rcx >>= 33n;
    rbx = rol(rbx, 40n);
    rax = rol(rax, 61n);
    rbx = u64(rbx * rdx);
    const dil = s64(rax) < s64(rdx) ? 1n : 0n;
    const product = s64(rax) * s64(rcx);
    rax = u64(product);
    const overflow = product !== s64(rax) ? 1n : 0n;
    for (const t of runTwins(code, () => undefined)) {
      assert.deepEqual(
        ['rax', 'rbx', 'rcx', 'rdx', 'rdi'].map((r) => t.m.getReg(r).toString(16)),
        [rax, rbx, (rcx & ~0xffn) | overflow, rdx, dil].map((v) => v.toString(16)),
      );
    }
  });
});
