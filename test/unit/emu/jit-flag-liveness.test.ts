// Flag liveness of the block compiler: a flag record is dropped only when a later instruction
// replaces those flags before anyone can read them and nothing in between may fault.
import { strict as assert } from 'node:assert';
import { liveFlagsOut } from '../../../src/emu/jit/compile-block';
import type { Plan } from '../../../src/emu/jit/plan';

const ALL = 0x8d5;
const ZF = 0x40;
const CF_OF = 0x801;

function plan(writes: number, options: { reads?: number; mayFault?: boolean; mayWrite?: number } = {}): Plan {
  return { writes, reads: options.reads ?? 0, mayFault: options.mayFault ?? false, mayWrite: options.mayWrite, emit: () => undefined };
}

describe('compiled blocks: flag liveness', () => {
  it('drops flags replaced before any read, keeps what the successor may read', () => {
    assert.deepEqual(liveFlagsOut([plan(ALL), plan(ALL), plan(0, { reads: ZF })]), [0, ALL, 0]);
  });

  it('keeps every flag before an instruction that may fault', () => {
    assert.deepEqual(liveFlagsOut([plan(ALL), plan(0, { mayFault: true }), plan(ALL)]), [ALL, 0, ALL]);
  });

  it('an instruction that may fault records all it writes (the block may end right after it)', () => {
    assert.deepEqual(liveFlagsOut([plan(ALL, { mayFault: true }), plan(ALL)]), [ALL, ALL]);
  });

  it('flags a later instruction only sometimes replaces stay live', () => {
    assert.deepEqual(liveFlagsOut([plan(ALL), plan(0, { mayWrite: CF_OF })]), [ALL, CF_OF]);
    assert.deepEqual(liveFlagsOut([plan(ALL), plan(0, { mayWrite: CF_OF }), plan(ALL)]), [0, 0, ALL]);
    assert.deepEqual(liveFlagsOut([plan(ALL), plan(CF_OF)]), [ALL & ~CF_OF, CF_OF]);
  });
});
