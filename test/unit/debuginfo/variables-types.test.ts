// Parameters and locals match readelf's entries (names, DW_OP_fbreg offsets, evaluated
// addresses), location lists match readelf's, and a fixture program built here exercises
// every kind of C type, nested scopes, shadowing and static locals.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo, formatTypeName, sizeOfType, stripTypedefs, type FunctionInfo, type Scope, type Variable } from '../../../src/debuginfo';
import { allSampleElfs, buildDir, dwarf4Builds, elfFilesIn, ensureSamples, readelfDies, readelfName, run, temporaryDir, type OracleDie } from './binutils-oracle';

/** Every variable of every scope of every function, by entry offset. */
function variablesByOffset(info: DebugInfo): Map<number, { variable: Variable; fn: FunctionInfo }> {
  const out = new Map<number, { variable: Variable; fn: FunctionInfo }>();
  const walk = (scope: Scope, fn: FunctionInfo): void => {
    for (const v of scope.variables) out.set(v.dieOffset, { variable: v, fn });
    for (const child of scope.children) walk(child, fn);
  };
  for (const fn of info.functions()) walk(fn.scope, fn);
  return out;
}

/** The signed LEB128 operand of a DW_OP_fbreg expression, or undefined. */
function fbregOffset(expr: Uint8Array): number | undefined {
  if (expr[0] !== 0x91) return undefined;
  let value = 0;
  let shift = 0;
  let i = 1;
  let byte: number;
  do {
    byte = expr[i++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return byte & 0x40 ? value - 2 ** shift : value;
}

/** The offset of the enclosing subprogram of `index` in the flat readelf list. */
function insideFunctionWithCode(dies: OracleDie[], index: number): boolean {
  let depth = dies[index].depth;
  for (let i = index - 1; i >= 0; i--) {
    if (dies[i].depth < depth) {
      if (dies[i].tag === 'DW_TAG_subprogram') return dies[i].attrs.has('DW_AT_low_pc');
      depth = dies[i].depth;
    }
  }
  return false;
}

const fixtureSource = `
enum color { RED, GREEN = 5, BLUE = -1 };
union num { int i; unsigned char b[4]; };
struct flags { unsigned a : 3; unsigned b : 5; int c : 10; char tag; };
struct node {
  int value;
  struct node *next;
  const char *name;
  int grid[2][3];
  void (*callback)(int);
  enum color color;
  union num n;
  struct flags f;
};
typedef struct node node_t;
node_t nodes[2];
volatile int counter;
char *const fixed = 0;
int (*compare)(const void *, const void *);
static int hidden = 7;
const char *names[3];
struct node *(*make)(void);

int
use_types (int x, node_t *head)
{
  static int calls;
  int outer = x;
  calls++;
  {
    int inner = outer + 1;
    {
      int outer = inner * 2;
      counter += outer; /* #BP:shadow */
    }
    counter += inner;
  }
  head->value = outer + hidden;
  return outer;
}

void _start (void) { use_types (1, &nodes[0]); for (;;); }
`;

describe('debuginfo: variables and types', function () {
  this.timeout(600000);
  before(() => ensureSamples());

  it('parameters and locals of -O0 builds have readelf\'s names and frame offsets, and evaluate to CFA + offset', () => {
    const { o0 } = dwarf4Builds();
    let checked = 0;
    for (const file of [...elfFilesIn(buildDir), ...elfFilesIn(o0)]) {
      const info = DebugInfo.fromElf(readFileSync(file));
      const ours = variablesByOffset(info);
      const dies = readelfDies(file);
      dies.forEach((die, index) => {
        if (die.tag !== 'DW_TAG_formal_parameter' && die.tag !== 'DW_TAG_variable') return;
        const m = /DW_OP_fbreg: (-?\d+)\)/.exec(die.attrs.get('DW_AT_location') ?? '');
        if (!m || !insideFunctionWithCode(dies, index)) return;
        const found = ours.get(die.offset);
        const where = `${file}: entry 0x${die.offset.toString(16)}`;
        assert.ok(found, `${where}: variable found`);
        const { variable, fn } = found;
        assert.equal(variable.name, readelfName(die), where);
        assert.equal(variable.role, die.tag === 'DW_TAG_formal_parameter' ? 'parameter' : 'local', where);
        assert.equal(variable.location.kind, 'expr');
        if (variable.location.kind !== 'expr') return;
        assert.equal(fbregOffset(variable.location.expr), Number(m[1]), `${where}: fbreg offset`);
        // In the body (after the prologue) the -O0 frame base is the CFA = rbp + 16.
        const body = info.lineRangesOfFunction(fn).find((r) => r.start > fn.lowPc && r.isStmt)?.start ?? fn.lowPc;
        const rbp = 0x47ff0000n;
        const located = info.locateVariable(variable, { pc: body, registers: { rbp, rsp: rbp - 0x100n, rip: BigInt(body) }, readMemory: () => undefined });
        assert.deepEqual(located, { kind: 'memory', addr: rbp + 16n + BigInt(m[1]) }, where);
        checked++;
      });
    }
    assert.ok(checked > 1000, `checked ${checked} variables`);
  });

  it('location lists of optimised builds have readelf\'s address ranges', () => {
    let checked = 0;
    const files = [...allSampleElfs().filter((f) => /variants\/O2-pintos\//.test(f)), ...elfFilesIn(dwarf4Builds().o2)];
    for (const file of files) {
      const info = DebugInfo.fromElf(readFileSync(file));
      const ours = new Set<string>();
      for (const { variable } of variablesByOffset(info).values()) {
        if (variable.location.kind !== 'list') continue;
        for (const e of variable.location.entries) ours.add(`${e.low.toString(16)}-${e.high.toString(16)}`);
      }
      const out = run('readelf', ['-W', '--debug-dump=loc', file]);
      const theirs = new Set([...out.matchAll(/\b([0-9a-f]{16}) ([0-9a-f]{16}) \(/g)].map((m) => `${parseInt(m[1], 16).toString(16)}-${parseInt(m[2], 16).toString(16)}`));
      assert.ok(theirs.size > 0, file);
      for (const range of theirs) assert.ok(ours.has(range), `${file}: location range ${range}`);
      checked += theirs.size;
    }
    assert.ok(checked > 1000, `checked ${checked} location ranges`);
  });

  describe('fixture with every kind of type', () => {
    let info: DebugInfo;
    let source: string;
    before(function () {
      const dir = temporaryDir('debuginfo-types-');
      source = path.join(dir, 'types.c');
      writeFileSync(source, fixtureSource);
      const exe = path.join(dir, 'types');
      try {
        run('gcc', ['-g', '-O0', '-nostdlib', '-static', '-no-pie', '-fno-pie', '-o', exe, source]);
      } catch {
        this.skip();
      }
      info = DebugInfo.fromElf(readFileSync(exe));
      assert.deepEqual(info.warnings, []);
    });

    const global = (name: string): Variable => {
      const v = info.globals().find((g) => g.name === name);
      assert.ok(v, name);
      return v;
    };

    it('spells global types in C and knows their sizes', () => {
      const spelled = (name: string): string => formatTypeName(global(name).type, name);
      assert.equal(spelled('nodes'), 'node_t nodes[2]');
      assert.equal(spelled('counter'), 'volatile int counter');
      assert.equal(spelled('fixed'), 'char *const fixed');
      assert.equal(spelled('compare'), 'int (*compare)(const void *, const void *)');
      assert.equal(spelled('make'), 'struct node *(*make)(void)');
      assert.equal(spelled('names'), 'const char *names[3]');
      assert.equal(formatTypeName(global('names').type), 'const char *[3]');
      assert.equal(formatTypeName(global('compare').type), 'int (*)(const void *, const void *)');
      assert.equal(sizeOfType(global('nodes').type), 144);
      assert.equal(sizeOfType(global('names').type), 24);
      assert.equal(sizeOfType(global('compare').type), 8);
      assert.equal(global('hidden').external, false);
      assert.equal(global('nodes').external, true);
      const calls = global('calls');
      assert.equal(calls.role, 'static');
      assert.equal(calls.functionName, 'use_types');
      assert.equal(calls.declFile, source);
    });

    it('describes struct, union, enum, array and bit-field members as gdb\'s ptype /o does', () => {
      const nodes = global('nodes').type;
      assert.equal(nodes.kind, 'array');
      if (nodes.kind !== 'array') return;
      const node = stripTypedefs(nodes.element);
      assert.equal(node.kind, 'struct');
      if (node.kind !== 'struct') return;
      assert.equal(node.name, 'node');
      assert.equal(node.size, 72);
      const members = node.members.map((m) => `${m.offset} ${formatTypeName(m.type, m.name)}`);
      assert.deepEqual(members, [
        '0 int value',
        '8 struct node *next',
        '16 const char *name',
        '24 int grid[2][3]',
        '48 void (*callback)(int)',
        '56 enum color color',
        '60 union num n',
        '64 struct flags f',
      ]);
      const next = node.members[1].type;
      assert.ok(next.kind === 'pointer' && next.target === node, 'recursive type is one object');
      const color = stripTypedefs(node.members[5].type);
      assert.ok(color.kind === 'enum');
      if (color.kind === 'enum') assert.deepEqual(color.enumerators.map((e) => `${e.name}=${e.value}`), ['RED=0', 'GREEN=5', 'BLUE=-1']);
      const num = stripTypedefs(node.members[6].type);
      assert.ok(num.kind === 'union' && num.size === 4 && num.members.every((m) => m.offset === 0));
      const flags = stripTypedefs(node.members[7].type);
      assert.ok(flags.kind === 'struct');
      if (flags.kind !== 'struct') return;
      assert.deepEqual(
        flags.members.map((m) => [m.name, m.offset, m.bitField?.bitOffset, m.bitField?.bitSize]),
        [['a', 0, 0, 3], ['b', 0, 3, 5], ['c', 1, 8, 10], ['tag', 3, undefined, undefined]],
      );
      assert.equal(sizeOfType(node.members[3].type), 24);
    });

    it('gives nested scopes innermost first, with shadowed names hidden', () => {
      const line = fixtureSource.split('\n').findIndex((l) => l.includes('#BP:shadow')) + 1;
      const [addr] = info.addressesForLine(source, line);
      assert.ok(addr !== undefined);
      const scopes = info.scopesAt(addr);
      assert.deepEqual(scopes.map((s) => `${s.kind}:${s.variables.map((v) => v.name).join(',')}`), [
        'block:outer',
        'block:inner',
        'function:x,head,calls,outer',
      ]);
      assert.deepEqual(info.variablesAt(addr).map((v) => `${formatTypeName(v.type, v.name)}`), [
        'int outer',
        'int inner',
        'int x',
        'node_t *head',
        'int calls',
      ]);
      const fn = info.functionAt(addr);
      assert.equal(fn?.name, 'use_types');
      assert.equal(formatTypeName(fn.type, fn.name), 'int use_types(int, node_t *)');
      assert.deepEqual(fn.parameters.map((p) => p.name), ['x', 'head']);
      // Outside the inner blocks only the function's own variables are visible.
      assert.deepEqual(info.variablesAt(fn.lowPc).map((v) => v.name), ['x', 'head', 'calls', 'outer']);
      const calls = info.variablesAt(addr).find((v) => v.name === 'calls');
      assert.ok(calls);
      const located = info.locateVariable(calls, { pc: addr, registers: {}, readMemory: () => undefined });
      const symbol = info.elf.symbols.find((s) => s.name.startsWith('calls') && s.kind === 'object');
      assert.deepEqual(located, { kind: 'memory', addr: BigInt(symbol?.address ?? -1) });
    });
  });
});
