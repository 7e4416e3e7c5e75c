// The runner's gathering console writer (src/cli/console-output.ts), on a real file descriptor:
// small prints wait, large or old ones are written, a flush writes everything, in order.
import { strict as assert } from 'node:assert';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConsoleOutput } from '../../../src/cli/console-output';

describe('console output', () => {
  let dir: string;
  let file: string;
  let fd: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pvm-out-'));
    file = path.join(dir, 'out');
    fd = openSync(file, 'w');
  });
  afterEach(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });
  const written = () => readFileSync(file, 'latin1');
  /** A clock the test moves: the writer's idea of time, so no test depends on how fast it runs. */
  let clock = 0;
  const now = () => clock;

  it('gathers small prints until flushed, then writes them in order', () => {
    const out = new ConsoleOutput(fd, true, now);
    out.write('Boot complete.\n');
    out.write('(hello) argc = 1\n');
    assert.equal(written(), '');
    assert.equal(out.drained, false);
    out.flush();
    assert.equal(written(), 'Boot complete.\n(hello) argc = 1\n');
    assert.equal(out.drained, true);
  });

  it('writes as soon as 64 KiB have gathered, text encoded as UTF-8 (as process.stdout wrote it)', () => {
    const out = new ConsoleOutput(fd, true, now);
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 63; i++) out.write(line);
    assert.equal(written().length, 0);
    out.write(line);
    assert.equal(written().length, 64 * 1024);
    out.write('é\n');
    out.flush();
    assert.equal(readFileSync(file, 'utf8').slice(-2), 'é\n');
  });

  it('writes gathered text once the last write is 50 ms old (flushIfOld between slices of a run; the next print)', () => {
    const out = new ConsoleOutput(fd, true, now);
    out.write('before a long computation\n');
    clock += 49;
    out.flushIfOld();
    assert.equal(written(), '', 'fresh text waits');
    clock += 1;
    out.flushIfOld();
    assert.equal(written(), 'before a long computation\n');
    out.write('a');
    clock += 50;
    out.write('b');
    assert.equal(written(), 'before a long computation\nab');
  });

  it('writes each text at once when it does not gather (standard error)', () => {
    const out = new ConsoleOutput(fd, false, now);
    out.write('pintos-vm: note\n');
    assert.equal(written(), 'pintos-vm: note\n');
  });
});
