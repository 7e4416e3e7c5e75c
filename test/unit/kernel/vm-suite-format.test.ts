// The VM test set's own directives on made-up input: `#! get:` and `#! events:` parsing, event
// rules against made-up trace events, the command line, the byte comparison of fetched files and
// the run pool. Also checks every expected file in userprogs/tests/vm parses and names a program.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { RunPool, VM_BUILD_DIR, describeDifference, loadVmSpecs, parseVmExpected, vmCliArguments } from '../../support/vm-suite';
import { countMatching, parseEventRule } from '../../support/vm-suite-events';

const root = path.resolve(__dirname, '..', '..', '..');

describe('VM test set directives', () => {
  describe('parseVmExpected', () => {
    it('reads get and events, leaves the rest to the system-call suite parser', () => {
      const s = parseVmExpected(
        'demo',
        ['#! args: -m 2', '#! get: out.txt:userprogs/tests/vm/demo.out', '#! events: eviction > 0', '(demo) hi', 'demo: exit(0)'].join('\n'),
      );
      assert.deepEqual(s.options, ['-m', '2']);
      assert.deepEqual(s.gets, [{ guest: 'out.txt', expected: 'userprogs/tests/vm/demo.out' }]);
      assert.equal(s.events.length, 1);
      assert.equal(s.events[0].text, 'eviction > 0');
      assert.deepEqual(s.expected, ['(demo) hi', 'demo: exit(0)']);
    });

    it('rejects a get without an expected file and malformed event rules', () => {
      assert.throws(() => parseVmExpected('demo', '#! get: out.txt\n'), /GUEST:EXPECTED/);
      assert.throws(() => parseVmExpected('demo', '#! events: eviction\n'), /KIND/);
      assert.throws(() => parseVmExpected('demo', '#! events: eviction > many\n'), /OP COUNT/);
      assert.throws(() => parseVmExpected('demo', '#! events: page-fault addr>zero = 1\n'), /non-number/);
      assert.throws(() => parseVmExpected('demo', '#! nonsense: 1\n'), /unknown directive/);
    });
  });

  describe('event rules', () => {
    const fault = { kind: 'page-fault', addr: 0x10002000, write: true, resolution: 'invalid', detail: 'stack growth beyond 1 MiB' };

    it('match the kind and every filter: strings, booleans, numbers, quoted values', () => {
      const count = (text: string) => countMatching(parseEventRule(text, 't'), fault);
      assert.equal(count('page-fault = 1'), 1);
      assert.equal(count('eviction = 1'), 0);
      assert.equal(count('page-fault resolution=invalid write=true = 1'), 1);
      assert.equal(count('page-fault write=false = 1'), 0);
      assert.equal(count('page-fault resolution!=swap-in = 1'), 1);
      assert.equal(count('page-fault addr>=0x10000000 addr<0x10005000 = 1'), 1);
      assert.equal(count('page-fault addr>0x10002000 = 1'), 0);
      assert.equal(count('page-fault detail="stack growth beyond 1 MiB" = 1'), 1);
      assert.equal(count('page-fault frame=3 = 1'), 0, 'a missing field matches no value');
    });

    it('compare the count with the operator', () => {
      const holds = (text: string, n: number) => parseEventRule(text, 't').holds(n);
      assert.ok(holds('x = 0', 0) && !holds('x = 0', 1));
      assert.ok(holds('x > 100', 101) && !holds('x > 100', 100));
      assert.ok(holds('x >= 2', 2) && holds('x <= 2', 2) && holds('x < 3', 2) && holds('x != 3', 2));
    });
  });

  it('builds the command line: policy, trace only when events are counted, puts, gets', () => {
    const s = parseVmExpected('demo', '#! args: -m 2\n#! put: userprogs/build/tests/vm/helper\n#! get: log:x/demo.log\n');
    const args = vmCliArguments(s, 'fifo', { fetchDir: '/tmp/f', tracePath: '/tmp/t' });
    assert.deepEqual(args, [
      '--check-invariants',
      '--eviction=fifo',
      '-m',
      '2',
      '-p',
      `${VM_BUILD_DIR}/demo:demo`,
      '-p',
      'userprogs/build/tests/vm/helper:helper',
      '-g',
      'log:/tmp/f/log',
      '--',
      '-q',
      '-f',
      'run',
      'demo',
    ]);
    const traced = parseVmExpected('demo', '#! events: exit = 1\n');
    assert.ok(vmCliArguments(traced, 'clock', { fetchDir: '/tmp/f', tracePath: '/tmp/t' }).includes('--trace=/tmp/t'));
  });

  it('describes the first difference of fetched files', () => {
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    assert.equal(describeDifference(bytes('abc'), bytes('abc')), undefined);
    assert.match(describeDifference(bytes('abcdef'), bytes('abXdef')) ?? '', /at byte 2: expected "cdef", got "Xdef"/);
    assert.match(describeDifference(bytes('abc'), bytes('ab')) ?? '', /at byte 2.*2 bytes instead of 3/);
  });

  it('runs at most the pool limit at once, in order', async () => {
    const pool = new RunPool(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      order.push(i);
      running--;
      return i;
    };
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => pool.run(task(i))));
    assert.deepEqual(results, [0, 1, 2, 3, 4]);
    assert.equal(most, 2);
    assert.equal(order.length, 5);
  });

  describe('the expected files in userprogs/tests/vm', () => {
    const specs = loadVmSpecs(root);
    const sources = new Set(readdirSync(path.join(root, 'userprogs', 'tests', 'vm')).filter((f) => f.endsWith('.c')));

    it('exist for many programs, with names of at most 14 characters', () => {
      assert.ok(specs.length >= 40, `${specs.length} expected files`);
      for (const f of sources) assert.ok(f.length - 2 <= 14, `${f}: Pintos file names have at most 14 characters`);
    });

    for (const s of specs) {
      it(`${s.name}: names its program and files`, () => {
        assert.ok(sources.has(`${s.program}.c`), `${s.program}.c exists`);
        assert.ok(s.expected.length > 0, 'has expected lines');
        for (const g of s.gets) assert.ok(existsSync(path.join(root, g.expected)), `${g.expected} exists`);
        for (const p of s.puts) assert.ok(p.host.startsWith(`${VM_BUILD_DIR}/`) && sources.has(`${path.basename(p.host)}.c`), `${p.host} is a VM test program`);
      });
    }
  });
});
