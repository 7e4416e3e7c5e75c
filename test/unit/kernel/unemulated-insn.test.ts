// Instructions the emulator does not run (SSE, x87, AVX): their bytes are named for the message,
// and a program compiled without -mno-sse stops with that message (pintos-vm writes it to stderr)
// instead of a bare exit(-1).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describeUnemulated } from '../../../src/emu/decoder/unemulated';
import { buildHostile, hostile, ROOT } from '../../fuzz/hostile-programs';

describe('instructions not emulated', function () {
  this.timeout(60_000);

  it('names SSE, x87, AVX and MMX instructions from their bytes (Intel syntax)', () => {
    const cases: [number[], string, string][] = [
      [[0xf2, 0x0f, 0x11, 0x45, 0xf8], 'movsd [rbp-0x8], xmm0', 'SSE'],
      [[0x66, 0x0f, 0x28, 0xc8], 'movapd xmm1, xmm0', 'SSE'],
      [[0x0f, 0x28, 0x44, 0x24, 0x10], 'movaps xmm0, [rsp+0x10]', 'SSE'],
      [[0xf2, 0x48, 0x0f, 0x2a, 0xc0], 'cvtsi2sd xmm0, rax', 'SSE'],
      [[0xf2, 0x0f, 0x10, 0x05, 0x10, 0x00, 0x00, 0x00], 'movsd xmm0, [rip+0x10]', 'SSE'],
      [[0xdb, 0x28], 'fld [rax]', 'x87'],
      [[0xde, 0xc9], 'fmulp st(1)', 'x87'],
      [[0xd9, 0xe8], 'fld1', 'x87'],
      [[0xc5, 0xfb, 0x11, 0x45, 0xf8], 'vmovsd [rbp-0x8], xmm0', 'AVX'],
      [[0xc5, 0xf3, 0x59, 0xc2], 'vmulsd xmm0, xmm1, xmm2', 'AVX'],
      [[0x0f, 0xef, 0xc0], 'pxor mm0, mm0', 'MMX'],
    ];
    for (const [bytes, text, family] of cases) assert.deepEqual(describeUnemulated(bytes), { text, family }, bytes.map((b) => b.toString(16)).join(' '));
  });

  it('leaves plain invalid opcodes and cut-short bytes unnamed', () => {
    assert.equal(describeUnemulated([0x0f, 0x0b]), undefined);
    assert.equal(describeUnemulated([0x06]), undefined);
    assert.equal(describeUnemulated([0xf2, 0x0f]), undefined);
    assert.equal(describeUnemulated([]), undefined);
  });

  describe('pintos-vm on programs compiled with floating point', () => {
    before(() => buildHostile());
    for (const [name, family, mnemonic] of [
      ['sse-math', 'SSE', 'movsd'],
      ['x87-math', 'x87', 'fld'],
      ['avx-math', 'AVX', 'vmovsd'],
    ]) {
      it(`${name} stops at its first ${family} instruction with a message naming it`, () => {
        const cli = path.join(ROOT, 'dist', 'cli.js');
        const r = spawnSync(process.execPath, [cli, '-p', `${hostile(name)}:${name}`, '--', '-q', '-f', 'run', name], { encoding: 'utf8', timeout: 30_000 });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`^${name}: exit\\(-1\\)$`, 'm'));
        assert.match(r.stderr, new RegExp(`^pintos-vm: instruction not emulated: ${mnemonic} .+ \\(${family}\\) at 0x[0-9a-f]+ in pid 1$`, 'm'));
        assert.doesNotMatch(r.stdout, /instruction not emulated/, 'the Pintos transcript stays as Pintos prints it');
      });
    }
  });
});
