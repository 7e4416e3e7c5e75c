// The boot banner's number format: the same text as an en-US locale format, without Intl.
import { strict as assert } from 'node:assert';
import { digitGroups } from '../../../src/kernel/digit-groups';

describe('kernel: digit groups', () => {
  it('groups digits by three like an en-US format does', () => {
    for (const n of [0, 7, 999, 1000, 20480, 60480, 100000, 1234567, 20160, -4096]) assert.equal(digitGroups(n), n.toLocaleString('en-US'), String(n));
  });
});
