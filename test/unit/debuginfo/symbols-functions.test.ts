// ELF symbols equal readelf's; DWARF functions match the FUNC symbols (names, addresses,
// sizes) and gdb's prototypes; a binary stripped of debug info still has symbols.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo, formatTypeName } from '../../../src/debuginfo';
import { allSampleElfs, buildDir, dwarf4Builds, elfFilesIn, ensureSamples, gdbDeclarations, haveGdb, readelfSymbols, run, temporaryDir } from './binutils-oracle';

/** gdb spells base types the short way ("unsigned long"); gcc's DWARF names are long. */
function canonicalC(text: string): string {
  const names: [RegExp, string][] = [
    [/\blong long unsigned int\b/g, 'unsigned long long'],
    [/\blong long int\b/g, 'long long'],
    [/\blong unsigned int\b/g, 'unsigned long'],
    [/\blong int\b/g, 'long'],
    [/\bshort unsigned int\b/g, 'unsigned short'],
    [/\bshort int\b/g, 'short'],
  ];
  let out = text;
  for (const [re, to] of names) out = out.replace(re, to);
  return out.replace(/\s+/g, ' ').replace(/\* const/g, '*const').trim();
}

/** A symbol name without gcc's clone suffixes (.isra.0, .part.0, .constprop.0, .cold). */
function baseSymbolName(name: string): string {
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

describe('debuginfo: symbols and functions against readelf, nm and gdb', function () {
  this.timeout(600000);
  before(() => ensureSamples());

  it('symbol tables equal readelf -s, and symbolize finds each function', () => {
    let checked = 0;
    for (const file of allSampleElfs()) {
      const info = DebugInfo.fromElf(readFileSync(file));
      const want = readelfSymbols(file).filter((s) => s.type === 'FUNC' || s.type === 'OBJECT');
      const have = info.elf.symbols.filter((s) => (s.kind === 'function' || s.kind === 'object') && s.sectionIndex !== 0);
      assert.deepEqual(
        have.map((s) => `${s.name} ${s.address} ${s.size} ${s.kind === 'function' ? 'FUNC' : 'OBJECT'} ${s.binding.toUpperCase()}`).sort(),
        want.map((s) => `${s.name} ${s.address} ${s.size} ${s.type} ${s.bind}`).sort(),
        file,
      );
      for (const sym of want.filter((s) => s.type === 'FUNC' && s.size > 0)) {
        const mid = sym.address + Math.floor(sym.size / 2);
        assert.deepEqual(info.symbolize(mid), { name: sym.name, offset: mid - sym.address }, `${file}: ${sym.name}`);
        assert.equal(info.lookupSymbol(sym.name)?.address, sym.address);
        checked++;
      }
      assert.equal(info.symbolize(0x1000), undefined);
    }
    assert.ok(checked > 3000, `checked ${checked} function symbols`);
  });

  it('DWARF functions cover exactly the FUNC symbols (name, start, size)', () => {
    let checked = 0;
    const { o0, o2 } = dwarf4Builds();
    for (const file of [...allSampleElfs(), ...elfFilesIn(o0), ...elfFilesIn(o2)]) {
      const info = DebugInfo.fromElf(readFileSync(file));
      const funcs = readelfSymbols(file).filter((s) => s.type === 'FUNC' && s.size > 0);
      for (const sym of funcs) {
        const fn = info.functionAt(sym.address);
        assert.ok(fn, `${file}: a DWARF function holds ${sym.name}`);
        assert.equal(fn.name, baseSymbolName(sym.name), `${file}: name at 0x${sym.address.toString(16)}`);
        const range = fn.ranges.find((r) => r.low === sym.address);
        assert.ok(range, `${file}: ${sym.name} starts a range of ${fn.name}`);
        assert.equal(range.high - range.low, sym.size, `${file}: ${sym.name} size`);
        assert.equal(info.functionAt(sym.address + sym.size - 1), fn);
        checked++;
      }
      for (const fn of info.functions()) {
        for (const r of fn.ranges) assert.ok(funcs.some((s) => s.address === r.low && s.address + s.size === r.high), `${file}: ${fn.name} range has a symbol`);
      }
    }
    assert.ok(checked > 3000, `checked ${checked} functions`);
  });

  it('function prototypes and global variable types are spelled as gdb spells them (-O0)', function () {
    if (!haveGdb()) this.skip();
    let checked = 0;
    for (const file of elfFilesIn(buildDir)) {
      const info = DebugInfo.fromElf(readFileSync(file));
      const ours = new Set(info.functions().map((f) => canonicalC(formatTypeName(f.type, f.name))));
      for (const decl of gdbDeclarations(file, 'functions')) {
        assert.ok(ours.has(canonicalC(decl)), `${file}: ${decl} in ${[...ours].join('; ')}`);
        checked++;
      }
      const globals = new Set(info.globals().filter((g) => g.role === 'global').map((g) => canonicalC(formatTypeName(g.type, g.name))));
      for (const decl of gdbDeclarations(file, 'variables')) {
        assert.ok(globals.has(canonicalC(decl)), `${file}: ${decl} in ${[...globals].join('; ')}`);
        checked++;
      }
    }
    assert.ok(checked > 500, `checked ${checked} declarations`);
  });

  it('a binary stripped of debug info keeps symbols and unwinding, and answers line queries with nothing', () => {
    const dir = temporaryDir('debuginfo-strip-');
    const stripped = path.join(dir, 'hello');
    run('objcopy', ['--strip-debug', path.join(buildDir, 'hello'), stripped]);
    const info = DebugInfo.fromElf(readFileSync(stripped));
    assert.equal(info.hasDebugInfo, false);
    assert.deepEqual(info.functions(), []);
    assert.deepEqual(info.globals(), []);
    const main = info.lookupSymbol('main');
    assert.ok(main && main.kind === 'function');
    assert.equal(info.symbolize(main.address + 3)?.name, 'main');
    assert.equal(info.linesForAddress(main.address), undefined);
    assert.deepEqual(info.addressesForLine('hello.c', 11), []);
    assert.deepEqual(info.scopesAt(main.address), []);
    assert.ok(info.frameRowAt(main.address), '.eh_frame survives --strip-debug');
    const all = DebugInfo.fromElf(readFileSync(path.join(buildDir, 'hello')));
    assert.equal(all.hasDebugInfo, true);
  });
});
