// The system-call suite's support functions on made-up transcripts: directive parsing, the pintos-vm command
// line, cutting out the program's output, the three ways of comparing, framing and leak checks.
// Also checks every expected-output file in userprogs/tests parses and names real programs.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  checkFraming,
  cliArguments,
  compareOutput,
  extractRun,
  leakLines,
  lineMatcher,
  parseExpected,
  type TestSpec,
} from '../../support/userprog-suite';

/** A transcript shaped like real Pintos output around `body`. */
function transcript(command: string, body: string[], opts: { halt?: boolean; trailer?: string[] } = {}): string {
  const trailer = opts.trailer ?? [
    'Timer: 71 ticks',
    'Thread: 0 idle ticks, 63 kernel ticks, 8 user ticks',
    'hd0:0: 0 reads, 0 writes',
    'hd0:1: 88 reads, 234 writes',
    'hd1:0: 101 reads, 0 writes',
    'Console: 1021 characters output',
    'Keyboard: 0 keys pressed',
    'Exception: 7 page faults',
    'Powering off...',
  ];
  return [
    `Kernel command line: -q -f put ${command.split(' ')[0]} run '${command}'`,
    'Pintos booting with 20,480 kB RAM...',
    '2495 pages available in kernel pool.',
    'Boot complete.',
    `Putting '${command.split(' ')[0]}' into the file system...`,
    `Executing '${command}':`,
    ...body,
    ...(opts.halt ? [] : [`Execution of '${command}' complete.`]),
    ...trailer,
    '',
  ].join('\n');
}

const spec = (text: string) => parseExpected('demo', text);

describe('system-call suite support functions', () => {
  describe('parseExpected', () => {
    it('defaults: the command is the test name, strict order, no extra files', () => {
      const s = spec('(demo) hi\ndemo: exit(0)\n');
      assert.equal(s.command, 'demo');
      assert.equal(s.program, 'demo');
      assert.equal(s.order, 'strict');
      assert.equal(s.halt, false);
      assert.deepEqual(s.puts, []);
      assert.deepEqual(s.expected, ['(demo) hi', 'demo: exit(0)']);
    });

    it('reads every directive; comments are not expected lines; internal spaces of run survive', () => {
      const s = spec(
        [
          '# a comment',
          '#! run: args-x  a   b',
          '#! put: userprogs/build/tests/child',
          '#! put: data/in.txt:input',
          '#! args: -m 40 --swap-disk=8',
          '#! stdin: two\\nlines',
          '#! unordered-exits',
          '#! ignore: ^bomb: exit',
          '#! timeout: 300',
          '#! native: skip (needs the kernel)',
          '(args-x) line',
        ].join('\n'),
      );
      assert.equal(s.command, 'args-x  a   b');
      assert.equal(s.program, 'args-x');
      assert.deepEqual(s.puts, [
        { host: 'userprogs/build/tests/child', guest: 'child' },
        { host: 'data/in.txt', guest: 'input' },
      ]);
      assert.deepEqual(s.options, ['-m', '40', '--swap-disk=8']);
      assert.equal(s.stdin, 'two\nlines');
      assert.equal(s.order, 'unordered-exits');
      assert.equal(s.ignore.length, 1);
      assert.equal(s.timeoutSeconds, 300);
      assert.equal(s.nativeSkip, '(needs the kernel)');
      assert.deepEqual(s.expected, ['(args-x) line']);
    });

    it('rejects unknown or malformed directives and conflicting orders', () => {
      assert.throws(() => spec('#! frobnicate\n'), /unknown directive 'frobnicate'/);
      assert.throws(() => spec('#! run:\n'), /needs a value/);
      assert.throws(() => spec('#! halt: yes\n'), /takes no value/);
      assert.throws(() => spec('#! timeout: soon\n'), /bad timeout/);
      assert.throws(() => spec('#! unordered\n#! unordered-exits\n'), /more than one/);
    });
  });

  it('cliArguments: --check-invariants, the program and extra files put, then the kernel command', () => {
    const s = spec('#! run: exec-keep 3\n#! put: userprogs/build/tests/exec-target\n#! args: -m 8\n');
    assert.deepEqual(cliArguments(s), [
      '--check-invariants',
      '-m',
      '8',
      '-p',
      'userprogs/build/tests/exec-keep:exec-keep',
      '-p',
      'userprogs/build/tests/exec-target:exec-target',
      '--',
      '-q',
      '-f',
      'run',
      'exec-keep 3',
    ]);
  });

  describe('extractRun', () => {
    it('returns the lines between "Executing" and "Execution ... complete."', () => {
      const t = transcript('prog a', ['(prog) one', 'prog: exit(0)']);
      assert.deepEqual(extractRun(t, 'prog a', false), { lines: ['(prog) one', 'prog: exit(0)'] });
    });

    it('for a halt, returns the lines up to the trailer and refuses an "Execution ... complete." line', () => {
      const t = transcript('halter', ['(halter) bye'], { halt: true });
      assert.deepEqual(extractRun(t, 'halter', true), { lines: ['(halter) bye'] });
      const wrong = transcript('halter', ['(halter) bye']);
      assert.match((extractRun(wrong, 'halter', true) as { error: string }).error, /halts, yet/);
    });

    it('explains a missing start, an unfinished run and output glued to the end line', () => {
      assert.match((extractRun('Boot complete.\n', 'p', false) as { error: string }).error, /no line "Executing 'p':"/);
      const unfinished = "Executing 'p':\n(p) stuck\n";
      assert.match((extractRun(unfinished, 'p', false) as { error: string }).error, /did not finish[\s\S]*\(p\) stuck/);
      const glued = "Executing 'p':\n(p) no newlineExecution of 'p' complete.\n";
      assert.match((extractRun(glued, 'p', false) as { error: string }).error, /glued/);
    });
  });

  describe('compareOutput', () => {
    const strict = (expected: string[]): Pick<TestSpec, 'order' | 'ignore' | 'expected'> => ({ order: 'strict', ignore: [], expected });

    it('strict: equal lines match; a difference shows as a -/+ diff with context', () => {
      assert.equal(compareOutput(strict(['a', 'b', 'c']), ['a', 'b', 'c']), undefined);
      assert.equal(compareOutput(strict(['a', 'b', 'c']), ['a', 'x', 'c']), '  a\n+ x\n- b\n  c');
      assert.equal(compareOutput(strict(['a', 'b']), ['a']), '  a\n- b');
      assert.equal(compareOutput(strict(['a']), ['a', 'extra']), '  a\n+ extra');
      assert.notEqual(compareOutput(strict(['a', 'b']), ['b', 'a']), undefined, 'order matters');
    });

    it('{n} matches an integer and {*} any text', () => {
      assert.ok(lineMatcher('depth: {n}')('depth: 417'));
      assert.ok(lineMatcher('middle: exit({n})')('middle: exit(-1)'));
      assert.ok(!lineMatcher('depth: {n}')('depth: many'));
      assert.ok(lineMatcher('load: {*}: open failed')('load: x y: open failed'));
      assert.ok(!lineMatcher('a.b')('axb'), 'other characters are literal');
      assert.equal(compareOutput(strict(['(t) depth {n}', 't: exit(0)']), ['(t) depth 12', 't: exit(0)']), undefined);
    });

    it('unordered: the lines are a multiset; missing and extra lines are listed', () => {
      const s = { order: 'unordered' as const, ignore: [], expected: ['a', 'b', 'b', 'n={n}'] };
      assert.equal(compareOutput(s, ['b', 'n=3', 'a', 'b']), undefined);
      assert.equal(compareOutput(s, ['b', 'a', 'n=3', 'c']), 'expected but missing (-):\n- b\nnot expected (+):\n+ c');
    });

    it('unordered-exits: exit lines in any order, every other line in order', () => {
      const s = { order: 'unordered-exits' as const, ignore: [], expected: ['(t) start', 'a: exit(1)', 'b: exit({n})', '(t) end', 't: exit(0)'] };
      assert.equal(compareOutput(s, ['(t) start', 'b: exit(7)', '(t) end', 'a: exit(1)', 't: exit(0)']), undefined);
      const wrongOrder = compareOutput(s, ['(t) end', '(t) start', 'a: exit(1)', 'b: exit(2)', 't: exit(0)']);
      assert.match(wrongOrder ?? '', /other than exit lines/);
      const missingExit = compareOutput(s, ['(t) start', 'a: exit(1)', '(t) end', 't: exit(0)']);
      assert.match(missingExit ?? '', /exit lines, in any order:\nexpected but missing \(-\):\n- b: exit\(\{n\}\)/);
    });

    it('ignore drops matching actual lines before comparing', () => {
      const s = { order: 'strict' as const, ignore: [/^bomb: exit\(-?\d+\)$/], expected: ['(f) depth {n}', 'f: exit(0)'] };
      assert.equal(compareOutput(s, ['bomb: exit(3)', 'bomb: exit(3)', '(f) depth 3', 'f: exit(0)']), undefined);
    });
  });

  describe('checkFraming', () => {
    it('accepts a well-formed transcript, with or without halt', () => {
      assert.deepEqual(checkFraming(transcript('p', ['p: exit(0)']), 'p', false), []);
      assert.deepEqual(checkFraming(transcript('p', ['(p) bye'], { halt: true }), 'p', true), []);
    });

    it('reports a missing boot line, a missing disk line and a broken trailer', () => {
      const noBoot = transcript('p', ['p: exit(0)']).replace('Boot complete.\n', '');
      assert.deepEqual(checkFraming(noBoot, 'p', false), ['no "Boot complete." line before "Executing"']);
      const noFsDisk = transcript('p', [], { trailer: ['Timer: 1 ticks', 'Thread: 0 idle ticks, 1 kernel ticks, 0 user ticks', 'hd0:0: 0 reads, 0 writes', 'Console: 1 characters output', 'Keyboard: 0 keys pressed', 'Exception: 0 page faults', 'Powering off...'] });
      assert.deepEqual(checkFraming(noFsDisk, 'p', false), ['trailer: no line for the file-system disk hd0:1']);
      const noPowerOff = transcript('p', [], { trailer: ['Timer: 1 ticks', 'Thread: 0 idle ticks, 1 kernel ticks, 0 user ticks', 'hd0:1: 1 reads, 1 writes', 'Console: 1 characters output', 'Keyboard: 0 keys pressed', 'Exception: 0 page faults'] });
      assert.match(checkFraming(noPowerOff, 'p', false).join('\n'), /Powering off/);
    });
  });

  it('leakLines finds LEAK: and INVARIANT: lines only at the start of a line', () => {
    const out = 'Powering off...\nLEAK: 3 user frames still allocated\n(p) no LEAK: here\nINVARIANT: frame 12 mapped twice\n';
    assert.deepEqual(leakLines(out), ['LEAK: 3 user frames still allocated', 'INVARIANT: frame 12 mapped twice']);
  });

  describe('the expected files in userprogs/tests', () => {
    const dir = path.resolve(__dirname, '..', '..', '..', 'userprogs', 'tests');
    const files = readdirSync(dir).filter((f) => f.endsWith('.expected'));

    it('exist for many programs', () => assert.ok(files.length >= 60, `${files.length} expected files`));

    for (const file of files) {
      it(`${file} parses and names programs that have sources and fit Pintos's 14-character names`, () => {
        const s = parseExpected(file.replace(/\.expected$/, ''), readFileSync(path.join(dir, file), 'utf8'));
        assert.equal(s.program, s.name, 'the command line runs the test program itself');
        assert.ok(s.expected.length > 0, 'has expected lines');
        for (const name of [s.program, ...s.puts.map((p) => p.guest)]) {
          assert.ok(name.length <= 14, `${name} is at most 14 characters`);
        }
        for (const p of s.puts) {
          const source = p.host.replace(/^userprogs\/build\/tests\//, '');
          if (source !== p.host) assert.ok(existsSync(path.join(dir, `${source}.c`)), `${source}.c exists`);
        }
        assert.ok(existsSync(path.join(dir, `${s.name}.c`)), `${s.name}.c exists`);
      });
    }
  });
});
