// Pure parts of the runtime: hit conditions, source maps, data ids, exec-name detection.
import { strict as assert } from 'node:assert';
import { dataIdOf, formatBytes, parseDataId } from '../../../src/runtime/data-breakpoints';
import { namesString } from '../../../src/runtime/disk-files';
import { parseHitCondition } from '../../../src/runtime/hit-condition';
import { SourceMap } from '../../../src/runtime/source-map';

describe('runtime: parts', () => {
  it('parses hit conditions', () => {
    const stopsAt = (text: string) => [1, 2, 3, 4, 5, 6].filter(parseHitCondition(text));
    assert.deepEqual(stopsAt('3'), [3, 4, 5, 6]);
    assert.deepEqual(stopsAt('>=5'), [5, 6]);
    assert.deepEqual(stopsAt('> 5'), [6]);
    assert.deepEqual(stopsAt('==2'), [2]);
    assert.deepEqual(stopsAt('=2'), [2]);
    assert.deepEqual(stopsAt('<3'), [1, 2]);
    assert.deepEqual(stopsAt('<=3'), [1, 2, 3]);
    assert.deepEqual(stopsAt('%3'), [3, 6]);
    assert.throws(() => parseHitCondition('often'), /hit condition 'often' must be a number/);
    assert.throws(() => parseHitCondition('%0'), /modulus/);
  });

  it('maps source paths on whole components, longest prefix first', () => {
    const map = new SourceMap([
      ['/build', '/home/me/src'],
      ['/build/lib', '/opt/lib'],
    ]);
    assert.equal(map.toLocal('/build/a.c'), '/home/me/src/a.c');
    assert.equal(map.toLocal('/build/lib/b.c'), '/opt/lib/b.c');
    assert.equal(map.toLocal('/builder/a.c'), '/builder/a.c');
    assert.equal(map.toCompiled('/home/me/src/x/a.c'), '/build/x/a.c');
    assert.equal(map.toCompiled('/elsewhere/a.c'), '/elsewhere/a.c');
  });

  it('round-trips data ids and formats values', () => {
    for (const range of [
      { space: 'virtual' as const, pid: 3, start: 0x405010, length: 8 },
      { space: 'physical' as const, start: 0x123000, length: 4096 },
    ]) {
      assert.deepEqual(parseDataId(dataIdOf(range)), range);
    }
    assert.equal(parseDataId('x:1'), undefined);
    assert.equal(formatBytes(Uint8Array.of(1, 1, 0, 0)), '257');
    assert.equal(formatBytes(new Uint8Array(9)), '00 00 00 00 00 00 00 00 00');
  });

  it('finds program names used as the start of a command-line string', () => {
    const bytes = new TextEncoder().encode('\0sort-chunk chunk%d\0hello\0xhello-world\0');
    assert.equal(namesString(bytes, 'sort-chunk'), true);
    assert.equal(namesString(bytes, 'hello'), true);
    assert.equal(namesString(bytes, 'chunk'), false);
    assert.equal(namesString(bytes, 'world'), false);
  });
});
