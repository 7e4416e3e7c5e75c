import { strict as assert } from 'node:assert';
import { makeMachine } from './machine-fixture';

describe('machine smoke', () => {
  it('runs mov/add/hlt', () => {
    const t = makeMachine('48 c7 c0 05 00 00 00 48 c7 c3 07 00 00 00 48 01 d8 f4');
    const r = t.m.run(100);
    assert.equal(r.kind, 'halt');
    assert.equal(t.m.getReg('rax'), 12n);
    assert.equal(t.m.retired, 4);
  });
});
