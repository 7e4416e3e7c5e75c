// The `pintos-vm` command line accepts exactly what the Pintos test makefiles pass to `pintos`.
import { strict as assert } from 'node:assert';
import { parseCommandLine } from '../../../src/cli/options';

function parse(line: string[]) {
  const r = parseCommandLine(line);
  if (!r.ok) assert.fail(r.error);
  return r.options;
}

describe('pintos-vm command line', () => {
  it('accepts the command line of the Pintos vm test makefile', () => {
    const o = parse([
      '-v', '-k', '-T', '60', '-m', '20', '--fs-disk=10',
      '-p', 'tests/vm/mmap-read:mmap-read', '-p', '../../tests/vm/sample.txt:sample.txt',
      '--swap-disk=4', '--', '-q', '-f', 'run', 'mmap-read',
    ]);
    assert.equal(o.verbose, true);
    assert.equal(o.killOnFailure, true);
    assert.equal(o.timeoutSeconds, 60);
    assert.equal(o.memoryMB, 20);
    assert.equal(o.fsDiskMB, 10);
    assert.equal(o.swapDiskUnits, 4);
    assert.deepEqual(o.puts, [
      { host: 'tests/vm/mmap-read', guest: 'mmap-read' },
      { host: '../../tests/vm/sample.txt', guest: 'sample.txt' },
    ]);
    assert.deepEqual(o.kernel, { powerOff: true, format: true, run: 'mmap-read' });
  });

  it('accepts attached short values, --put/--get and compatibility flags', () => {
    const o = parse(['-m10', '--qemu', '--put=a.out:prog', '-g', 'out.txt:/tmp/out.txt', '--', 'run', 'prog x y']);
    assert.equal(o.memoryMB, 10);
    assert.deepEqual(o.puts, [{ host: 'a.out', guest: 'prog' }]);
    assert.deepEqual(o.gets, [{ guest: 'out.txt', host: '/tmp/out.txt' }]);
    assert.equal(o.kernel.run, 'prog x y');
    assert.equal(o.swapDiskUnits, 4);
  });

  it('names the option and what it expects on bad input', () => {
    const cases: [string[], RegExp][] = [
      [['-m', 'lots', '--', 'run', 'x'], /-m expects the guest RAM size/],
      [['--swap-disk=-1', '--', 'run', 'x'], /--swap-disk expects/],
      [['-p', 'nocolon', '--', 'run', 'x'], /-p expects HOST:GUEST/],
      [['--eviction=best', '--', 'run', 'x'], /--eviction expects one of clock, fifo, lru, random/],
      [['--frobnicate', '--', 'run', 'x'], /unknown option '--frobnicate'/],
      [['-m', '20'], /missing '--'/],
      [['--', '-q'], /nothing to do/],
      [['--', 'run'], /'run' expects a command line/],
    ];
    for (const [argv, message] of cases) {
      const r = parseCommandLine(argv);
      assert.equal(r.ok, false, argv.join(' '));
      if (!r.ok) assert.match(r.error, message);
    }
  });
});
