// The DWARF expression evaluator on hand-assembled expressions: x86-64 register numbering,
// frame base and CFA operations, constants, arithmetic, branches, pieces and failures.
import { strict as assert } from 'node:assert';
import { DWARF_REGISTER_NAMES, evaluateLocation, type LocationContext } from '../../../src/debuginfo';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

const memory = new Map<bigint, number>();
for (let i = 0; i < 16; i++) memory.set(0x1000n + BigInt(i), 0x10 + i);

const ctx: LocationContext = {
  registers: { rax: 100n, rdx: 1n, rcx: 2n, rbx: 3n, rsi: 4n, rdi: 5n, rbp: 0x2000n, rsp: 0x1f00n, r8: 8n, r15: 15n, rip: 0x400000n },
  readMemory: (addr, size) => {
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const v = memory.get(addr + BigInt(i));
      if (v === undefined) return undefined;
      out[i] = v;
    }
    return out;
  },
  frameBase: 0x3000n,
  cfa: 0x4000n,
};

describe('debuginfo: location expressions', () => {
  it('numbers registers the x86-64 DWARF way (1 = rdx, 2 = rcx, 16 = rip)', () => {
    assert.deepEqual(DWARF_REGISTER_NAMES.slice(0, 8), ['rax', 'rdx', 'rcx', 'rbx', 'rsi', 'rdi', 'rbp', 'rsp']);
    assert.equal(DWARF_REGISTER_NAMES[16], 'rip');
    assert.deepEqual(evaluateLocation(bytes(0x51), ctx), { kind: 'register', reg: 1, name: 'rdx' });
    assert.deepEqual(evaluateLocation(bytes(0x52), ctx), { kind: 'register', reg: 2, name: 'rcx' });
    assert.deepEqual(evaluateLocation(bytes(0x5f), ctx), { kind: 'register', reg: 15, name: 'r15' });
    assert.deepEqual(evaluateLocation(bytes(0x90, 16), ctx), { kind: 'register', reg: 16, name: 'rip' });
    // DW_OP_breg6 (rbp) -8, DW_OP_breg7 (rsp) +16, DW_OP_bregx 2 (rcx) 5
    assert.deepEqual(evaluateLocation(bytes(0x76, 0x78), ctx), { kind: 'memory', addr: 0x1ff8n });
    assert.deepEqual(evaluateLocation(bytes(0x77, 0x10), ctx), { kind: 'memory', addr: 0x1f10n });
    assert.deepEqual(evaluateLocation(bytes(0x92, 2, 5), ctx), { kind: 'memory', addr: 7n });
  });

  it('uses the frame base, the CFA and absolute addresses', () => {
    assert.deepEqual(evaluateLocation(bytes(0x91, 0x6c), ctx), { kind: 'memory', addr: 0x3000n - 20n });
    assert.deepEqual(evaluateLocation(bytes(0x9c), ctx), { kind: 'memory', addr: 0x4000n });
    assert.deepEqual(evaluateLocation(bytes(0x03, 0x20, 0x30, 0x40, 0, 0, 0, 0, 0), ctx), { kind: 'memory', addr: 0x403020n });
    assert.deepEqual(evaluateLocation(bytes(0x91, 0x10), { ...ctx, frameBase: undefined }), { kind: 'error', message: 'frame base unavailable' });
  });

  it('computes values with constants, arithmetic, dereference and branches', () => {
    assert.deepEqual(evaluateLocation(bytes(0x35, 0x9f), ctx), { kind: 'value', value: 5n });
    assert.deepEqual(evaluateLocation(bytes(0x08, 200, 0x23, 55, 0x9f), ctx), { kind: 'value', value: 255n });
    assert.deepEqual(evaluateLocation(bytes(0x09, 0xff, 0x9f), ctx), { kind: 'value', value: (1n << 64n) - 1n });
    assert.deepEqual(evaluateLocation(bytes(0x11, 0x7f, 0x9f), ctx), { kind: 'value', value: (1n << 64n) - 1n });
    assert.deepEqual(evaluateLocation(bytes(0x0a, 0x34, 0x12, 0x9f), ctx), { kind: 'value', value: 0x1234n });
    assert.deepEqual(evaluateLocation(bytes(0x70, 0, 0x32, 0x1e, 0x9f), ctx), { kind: 'value', value: 200n }); // rax * 2
    assert.deepEqual(evaluateLocation(bytes(0x3a, 0x33, 0x1c, 0x9f), ctx), { kind: 'value', value: 7n }); // 10 - 3
    assert.deepEqual(evaluateLocation(bytes(0x0c, 0x00, 0x10, 0, 0, 0x06, 0x9f), ctx), { kind: 'value', value: 0x1716151413121110n });
    assert.deepEqual(evaluateLocation(bytes(0x0c, 0x00, 0x10, 0, 0, 0x94, 2, 0x9f), ctx), { kind: 'value', value: 0x1110n });
    // lit1; bra +1 (taken, skips lit5); lit7; stack_value
    assert.deepEqual(evaluateLocation(bytes(0x31, 0x28, 1, 0, 0x35, 0x37, 0x9f), ctx), { kind: 'value', value: 7n });
    // lit0; bra +1 (not taken); lit5; stack_value
    assert.deepEqual(evaluateLocation(bytes(0x30, 0x28, 1, 0, 0x35, 0x9f), ctx), { kind: 'value', value: 5n });
    assert.deepEqual(evaluateLocation(bytes(0x9e, 2, 0xaa, 0xbb), ctx), { kind: 'bytes', bytes: bytes(0xaa, 0xbb) });
  });

  it('splits composite locations into pieces', () => {
    const result = evaluateLocation(bytes(0x50, 0x93, 4, 0x91, 0x10, 0x93, 4), ctx);
    assert.deepEqual(result, {
      kind: 'pieces',
      pieces: [
        { sizeBytes: 4, location: { kind: 'register', reg: 0, name: 'rax' } },
        { sizeBytes: 4, location: { kind: 'memory', addr: 0x3010n } },
      ],
    });
    const partly = evaluateLocation(bytes(0x93, 4, 0x53, 0x93, 4), ctx);
    assert.deepEqual(partly.kind === 'pieces' && partly.pieces.map((p) => p.location.kind), ['error', 'register']);
  });

  it('reports failures as errors, never exceptions', () => {
    assert.deepEqual(evaluateLocation(bytes(), ctx), { kind: 'error', message: 'optimized out' });
    assert.equal(evaluateLocation(bytes(0x0c, 0, 0, 0, 0x99, 0x06), ctx).kind, 'error'); // unreadable memory
    assert.equal(evaluateLocation(bytes(0x06), ctx).kind, 'error'); // stack underflow
    assert.equal(evaluateLocation(bytes(0x79, 0), ctx).kind, 'error'); // breg9 (r9) unavailable
    assert.equal(evaluateLocation(bytes(0xa3, 1, 0x55, 0x9f), ctx).kind, 'error'); // entry value
    assert.equal(evaluateLocation(bytes(0xff), ctx).kind, 'error'); // unknown opcode
    assert.equal(evaluateLocation(bytes(0x03, 1, 2), ctx).kind, 'error'); // truncated operand
    assert.equal(evaluateLocation(bytes(0x2f, 0xfd, 0xff), ctx).kind, 'error'); // skip -3: endless loop
    assert.equal(evaluateLocation(bytes(0x9c), { ...ctx, cfa: undefined }).kind, 'error');
  });
});
