// The user library and sample programs build with the Pintos flags into ELF files that Pintos
// can load: an R+X segment at 0x400000 holding the headers, no dynamic linking, no SSE/x87.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const userprogs = path.resolve(__dirname, '..', '..', '..', 'userprogs');
const buildDir = path.join(userprogs, 'build');
const samples = ['hello', 'stack-grow', 'lazy-bss', 'mmap-rw', 'pressure', 'fork-cow', 'merge-sort', 'sort-chunk', 'bad-ptr', 'bench'];

/** Every ELF file directly in `dir`. */
function elfFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile() && readHead(file) === '\x7fELF');
}

function readHead(file: string): string {
  return execFileSync('head', ['-c', '4', file]).toString('latin1');
}

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Mnemonics and registers that only SSE/x87/MMX code uses. */
const floatingPoint = /%xmm|%ymm|%zmm|%mm\d|%st\b|%st\(|\bf(ld|st|add|sub|mul|div|ild|istp?|nstcw|ldcw|xch|cmov)\w*\b|\bmovs[sd]\b|\bcvt\w+|\bp(xor|add|sub|mov)\w*|\bmovap[sd]|\bmovup[sd]|\bmovdq[au]|\bmovq\s+%xmm/;

describe('user library and sample programs', function () {
  this.timeout(300000);

  it('build with make (the library and every sample, warning-free)', () => {
    const out = execFileSync('make', ['-C', userprogs, 'all'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.doesNotMatch(out, /warning:/);
    for (const name of samples) assert.ok(existsSync(path.join(buildDir, name)), `userprogs/build/${name} exists`);
  });

  const variantDirs = existsSync(path.join(buildDir, 'variants'))
    ? readdirSync(path.join(buildDir, 'variants')).map((v) => path.join(buildDir, 'variants', v))
    : [];

  for (const dir of [buildDir, ...variantDirs]) {
    const label = path.relative(userprogs, dir);
    it(`${label}: every program is a static x86-64 executable with R+X at 0x400000`, () => {
      const files = elfFiles(dir);
      assert.ok(files.length >= samples.length, `${label} holds the samples`);
      for (const file of files) {
        const header = sh('readelf', ['-hW', file]);
        assert.match(header, /Class:\s+ELF64/, file);
        assert.match(header, /Machine:\s+Advanced Micro Devices X86-64/, file);
        assert.match(header, /Type:\s+EXEC/, file);
        const segments = sh('readelf', ['-lW', file]);
        assert.doesNotMatch(segments, /\b(INTERP|DYNAMIC)\b/, `${file} has no dynamic linking`);
        const loads = segments.split('\n').filter((l) => /^\s*LOAD\s/.test(l));
        const text = loads.find((l) => /\sR E\s/.test(l));
        assert.ok(text, `${file} has an R+X segment`);
        const [, offset, vaddr] = text.trim().split(/\s+/);
        assert.equal(Number(vaddr), 0x400000, `${file}: R+X segment at 0x400000`);
        assert.equal(Number(offset), 0, `${file}: R+X segment maps the headers (offset 0)`);
      }
    });

    it(`${label}: no SSE/x87 instruction and DWARF debug info present`, () => {
      for (const file of elfFiles(dir)) {
        const lines = sh('objdump', ['-d', '-w', file]).split('\n');
        const bad = lines.filter((l) => /^\s+[0-9a-f]+:\t/.test(l) && floatingPoint.test(l.split('\t').slice(2).join(' ')));
        assert.deepEqual(bad.slice(0, 5), [], `${file} has floating-point instructions`);
        assert.match(sh('readelf', ['-SW', file]), /\.debug_info/, `${file} has debug info`);
      }
    });
  }

  it('the library passes its host-side self-test (printf formats, one write per line, string functions)', () => {
    const out = execFileSync('make', ['-s', '-C', userprogs, 'check'], { encoding: 'utf8' });
    const results = out.match(/^\d+ checks, \d+ failures$/gm) ?? [];
    assert.equal(results.length, 2, 'the -O0 and -O2 self-tests ran');
    for (const line of results) assert.match(line, /, 0 failures$/);
  });

  it('the #BP markers are present in every sample source', () => {
    for (const name of samples) {
      const file = path.join(userprogs, 'src', `${name}.c`);
      assert.ok(existsSync(file), `${file} exists`);
      assert.match(sh('cat', [file]), /\/\* #BP:[\w-]+ \*\//, `${name}.c has #BP markers`);
    }
  });
});
