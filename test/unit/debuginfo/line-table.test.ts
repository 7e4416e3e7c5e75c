// Line tables equal binutils' decoded rows for every sample ELF (DWARF 5 builds and DWARF 4
// builds made here), and #BP marker lines resolve to addresses on those lines.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo } from '../../../src/debuginfo';
import { allSampleElfs, dwarf4Builds, elfFilesIn, ensureSamples, markerLine, markersOf, readelfLineRows, userprogsDir } from './binutils-oracle';

/** Compares every decoded row of `file` with readelf; returns the number of rows compared. */
function compareRows(file: string): number {
  const info = DebugInfo.fromElf(readFileSync(file));
  assert.deepEqual(info.warnings, [], `${file}: no warnings`);
  const expected = readelfLineRows(file);
  const programs = info.linePrograms().filter((p) => p.rows.length > 0);
  assert.equal(programs.length, expected.filter((p) => p.length > 0).length, `${file}: number of line programs`);
  let compared = 0;
  const nonEmpty = expected.filter((p) => p.length > 0);
  programs.forEach((program, i) => {
    const want = nonEmpty[i];
    assert.equal(program.rows.length, want.length, `${file}: rows of program ${i}`);
    program.rows.forEach((row, j) => {
      const w = want[j];
      const where = `${file}: program ${i} row ${j} (0x${w.address.toString(16)})`;
      assert.equal(row.address, w.address, `${where}: address`);
      assert.equal(row.endSequence, w.line === undefined, `${where}: end of sequence`);
      if (w.line !== undefined) {
        assert.equal(row.line, w.line, `${where}: line`);
        assert.equal(row.isStmt, w.isStmt, `${where}: is_stmt`);
        assert.ok(row.file === w.name || row.file.endsWith(`/${w.name}`), `${where}: file ${row.file} vs ${w.name}`);
        assert.ok(row.file.startsWith('/'), `${where}: absolute path`);
      }
      compared++;
    });
  });
  return compared;
}

describe('debuginfo: line tables against readelf', function () {
  this.timeout(600000);
  before(() => ensureSamples());

  it('every sample ELF (DWARF 5, all variants) decodes to the same rows as readelf', () => {
    const files = allSampleElfs();
    assert.ok(files.length >= 100, `found ${files.length} sample ELFs`);
    let rows = 0;
    for (const file of files) rows += compareRows(file);
    assert.ok(rows > 100000, `compared ${rows} rows`);
  });

  it('DWARF 4 builds (-O0 and -O2 with .debug_frame) decode to the same rows as readelf', () => {
    const { o0, o2 } = dwarf4Builds();
    const files = [...elfFilesIn(o0), ...elfFilesIn(o2)];
    assert.equal(files.length, 22, 'the 11 samples at -O0 and -O2');
    const version = readFileSync(files[0]);
    assert.ok(version.length > 0);
    let rows = 0;
    for (const file of files) rows += compareRows(file);
    assert.ok(rows > 10000, `compared ${rows} rows`);
  });

  it('each #BP marker line gives breakpoint addresses that the line table maps to that line', () => {
    for (const dir of ['', 'variants/O0-pintos', 'variants/O0-plain', 'variants/O0-hardened']) {
      for (const file of elfFilesIn(path.join(userprogsDir, 'build', dir))) {
        const info = DebugInfo.fromElf(readFileSync(file));
        const source = path.join(userprogsDir, 'src', `${path.basename(file)}.c`);
        for (const marker of markersOf(source)) {
          const line = markerLine(source, marker);
          const addresses = info.addressesForLine(source, line);
          assert.ok(addresses.length > 0, `${file}: #BP:${marker} (line ${line}) has code`);
          for (const addr of addresses) {
            const at = info.linesForAddress(addr);
            assert.equal(at?.line, line, `${file}: #BP:${marker} address 0x${addr.toString(16)}`);
            assert.equal(at?.file, source);
            assert.ok(info.isStatementStart(addr));
          }
          assert.deepEqual(info.resolveBreakpointLine(`${path.basename(file)}.c`, line)?.addresses, addresses, 'base-name lookup');
        }
      }
    }
  });

  it('optimised builds: marker lines that keep code map back to their line', () => {
    let resolved = 0;
    for (const variant of ['O1-pintos', 'O2-pintos', 'Os-plain', 'O2-hardened']) {
      for (const file of elfFilesIn(path.join(userprogsDir, 'build', 'variants', variant))) {
        const info = DebugInfo.fromElf(readFileSync(file));
        const source = path.join(userprogsDir, 'src', `${path.basename(file)}.c`);
        // Several rows may share an address (inlining): the marker's row must be one of them.
        const rowsAt = new Set(info.linePrograms().flatMap((p) => p.rows.filter((r) => r.isStmt).map((r) => `${r.address}:${r.file}:${r.line}`)));
        for (const marker of markersOf(source)) {
          const line = markerLine(source, marker);
          for (const addr of info.addressesForLine(source, line)) {
            assert.ok(rowsAt.has(`${addr}:${source}:${line}`), `${file}: #BP:${marker} at 0x${addr.toString(16)}`);
            resolved++;
          }
        }
      }
    }
    assert.ok(resolved > 50, `resolved ${resolved} marker addresses`);
  });

  it('a line without code resolves to the next line with code', () => {
    const file = path.join(userprogsDir, 'build', 'hello');
    const source = path.join(userprogsDir, 'src', 'hello.c');
    const info = DebugInfo.fromElf(readFileSync(file));
    const entry = markerLine(source, 'main_entry');
    const lines = info.linesWithCode(source);
    const gap = lines.find((l, i) => i > 0 && l - lines[i - 1] > 1);
    assert.ok(gap !== undefined);
    const before = lines[lines.indexOf(gap) - 1];
    assert.equal(info.resolveBreakpointLine(source, before + 1)?.line, gap);
    assert.deepEqual(info.addressesForLine(source, before + 1), []);
    assert.equal(info.resolveBreakpointLine(source, entry)?.line, entry);
    assert.ok(info.sourceFiles().includes(source));
    assert.equal(info.resolveBreakpointLine(source, 100000), undefined);
  });

  it('function line ranges cover the function and step boundaries follow statements', () => {
    const info = DebugInfo.fromElf(readFileSync(path.join(userprogsDir, 'build', 'hello')));
    const main = info.functionNamed('main');
    assert.ok(main);
    const ranges = info.lineRangesOfFunction(main);
    assert.equal(ranges[0].start, main.lowPc);
    assert.equal(ranges[ranges.length - 1].end, main.highPc);
    for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i].start, ranges[i - 1].end);
    for (const r of ranges) assert.equal(info.isStatementStart(r.start), r.isStmt);
  });
});
