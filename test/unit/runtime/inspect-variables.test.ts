// Scopes, variables, evaluation, assignment, conditions and data locations against real programs
// stopped at their `#BP` markers (stack-grow's recursion, hello's printf structs and argv, bench's
// quicksort, merge-sort's untouched arrays).
import { strict as assert } from 'node:assert';
import { Inspector, type VariableView } from '../../../src/runtime/inspect';
import { runToLibraryLine, runToMarker, type Stopped } from './inspect-live';

function find(list: VariableView[], name: string): VariableView {
  const v = list.find((x) => x.name === name);
  assert.ok(v, `no variable ${name} in ${list.map((x) => x.name).join(', ')}`);
  return v;
}

describe('inspect: a stopped recursion (stack-grow)', function () {
  let s: Stopped;
  let inspector: Inspector;

  before(() => {
    s = runToMarker('stack-grow', 'recurse_entry');
    inspector = new Inspector(s.host);
  });
  beforeEach(() => inspector.invalidate());

  const scope = (frame: number, name: string) => {
    const found = inspector.scopes(frame).find((x) => x.name === name);
    assert.ok(found);
    return found;
  };

  it('lists the locals innermost first, with C types and memory references', () => {
    const locals = inspector.variables(scope(0, 'Locals').variablesReference);
    assert.deepEqual(locals.map((v) => v.name), ['depth', 'frame', 'sum', 'i']);
    const depth = find(locals, 'depth');
    assert.equal(depth.value, '2000');
    assert.equal(depth.type, 'int');
    assert.equal(depth.evaluateName, 'depth');
    assert.equal(depth.variablesReference, 0);
    assert.match(depth.memoryReference ?? '', /^0x4747[0-9a-f]{4}$/);
    const frame = find(locals, 'frame');
    assert.equal(frame.type, 'volatile long unsigned int [12]');
    assert.equal(frame.indexedVariables, 12);
    const page = inspector.variables(frame.variablesReference, { start: 10, count: 5 });
    assert.deepEqual(page.map((v) => v.name), ['[10]', '[11]']);
    assert.equal(page[0].evaluateName, 'frame[10]');
    assert.deepEqual(inspector.variables(frame.variablesReference, { filter: 'named' }), []);
    assert.equal(inspector.variables(frame.variablesReference, { filter: 'indexed' }).length, 12);
  });

  it('shows the registers in hex, rip with its symbol and rflags decoded into flags', () => {
    const regs = inspector.variables(scope(0, 'Registers').variablesReference);
    assert.deepEqual(regs.map((r) => r.name), ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip', 'rflags']);
    assert.match(find(regs, 'rip').value, /^0x[0-9a-f]+ <recurse\+0x[0-9a-f]+>$/);
    assert.equal(find(regs, 'rdi').value, '0x7d0');
    const rflags = find(regs, 'rflags');
    assert.match(rflags.value, /^0x[0-9a-f]+ \[ ([A-Z]{2} )*\]$/);
    const bits = BigInt(rflags.value.split(' ')[0]);
    const flags = inspector.variables(rflags.variablesReference);
    assert.deepEqual(flags.map((f) => f.name), ['CF', 'PF', 'AF', 'ZF', 'SF', 'DF', 'OF', 'IF']);
    const bit: Record<string, number> = { CF: 0, PF: 2, AF: 4, ZF: 6, SF: 7, DF: 10, OF: 11, IF: 9 };
    for (const f of flags) assert.equal(f.value, String((bits >> BigInt(bit[f.name])) & 1n), f.name);
    assert.ok(rflags.value.includes('IF'));
  });

  it("reads the caller's frame: main's locals and only the registers the unwinder recovered", () => {
    const locals = inspector.variables(scope(1, 'Locals').variablesReference);
    assert.equal(find(locals, 'n').value, '24012');
    assert.equal(find(locals, 'fd').type, 'int');
    const regs = inspector.variables(scope(1, 'Registers').variablesReference).map((r) => r.name);
    assert.ok(regs.includes('rsp') && regs.includes('rip') && !regs.includes('rax'), regs.join(' '));
    assert.match(inspector.evaluate('$rip', 1, 'watch').result, /<main\+0x[0-9a-f]+>/);
  });

  it('lists the globals and statics, strings shown', () => {
    const globals = inspector.variables(scope(0, 'Globals').variablesReference);
    assert.match(find(globals, 'pattern').value, /^"abcdefghijklmnopqrstuvwabc.*"\.\.\.$/);
    assert.equal(find(globals, 'pattern').indexedVariables, 16384);
    assert.match(find(globals, 'test_name').value, /^0x[0-9a-f]+ "stack-grow"$/);
    assert.equal(find(globals, 'lowest_frame').value, '18446744073709551615');
    assert.equal(inspector.variables(scope(0, 'Globals').variablesReference, { hex: true }).find((v) => v.name === 'lowest_frame')?.value, '0xffffffffffffffff');
  });

  it('evaluates C expressions over locals, globals and registers', () => {
    const ev = (text: string) => inspector.evaluate(text, 0, 'watch').result;
    assert.equal(ev('depth * 2 + 1'), '4001');
    assert.equal(ev('sizeof frame / sizeof frame[0]'), '12');
    assert.equal(inspector.evaluate('&frame[1]', 0, 'watch').type, 'volatile long unsigned int *');
    assert.equal(ev('(char *)&frame[1] - (char *)frame'), '8');
    assert.equal(ev('lowest_frame == ~0UL'), '1');
    assert.equal(ev('pattern[1]'), "98 'b'");
    assert.equal(ev('test_name[0]'), "115 's'");
    assert.equal(ev('$rdi == depth'), '1');
    assert.equal(ev('$edi'), '2000');
    assert.equal(ev('$rsp < $rbp'), '1');
    assert.equal(ev('(unsigned long)&depth - (unsigned long)$rbp + 0x74'), '0');
    assert.throws(() => inspector.evaluate('nosuch + 1', 0, 'hover'), /no symbol 'nosuch' in the current scope/);
    assert.throws(() => inspector.evaluate('depth = 3', 0, 'watch'), /not allowed/);
    const big = inspector.evaluate('pattern', 0, 'watch');
    assert.equal(big.indexedVariables, 16384);
    assert.equal(inspector.variables(big.variablesReference, { start: 23, count: 2 })[0].value, "97 'a'");
  });

  it('sets variables, registers and flags, and reads them back', () => {
    const localsRef = scope(0, 'Locals').variablesReference;
    assert.equal(inspector.setVariable(localsRef, 'sum', 'depth + 5').value, '2005');
    assert.equal(inspector.evaluate('sum', 0, 'watch').result, '2005');
    assert.equal(inspector.setExpression('i', '3', 0).result, '3');
    assert.equal(inspector.evaluate('i = i + 1', 0, 'repl').result, '4');
    assert.equal(inspector.evaluate('i', 0, 'watch').result, '4');
    inspector.evaluate('i = 0', 0, 'repl');
    inspector.evaluate('sum = 0', 0, 'repl');
    const regsRef = scope(0, 'Registers').variablesReference;
    const old = s.booted.machine.getReg('r12');
    assert.equal(inspector.setVariable(regsRef, 'r12', '0x1234').value, '0x1234');
    assert.equal(s.booted.machine.getReg('r12'), 0x1234n);
    s.booted.machine.setReg('r12', old);
    s.frames[0].registers.set('r12', old);
    const rflags = inspector.variables(regsRef).find((r) => r.name === 'rflags') as VariableView;
    const before = s.booted.machine.getRflags();
    const flag = (before & 1) === 0 ? '1' : '0';
    assert.equal(inspector.setVariable(rflags.variablesReference, 'CF', flag).value, flag);
    assert.equal(s.booted.machine.getRflags() & 1, Number(flag));
    s.booted.machine.setRflags(before);
    s.frames[0].registers.set('rflags', BigInt(before));
    assert.throws(() => inspector.setVariable(localsRef, 'nosuch', '1'), /no variable named/);
  });

  it('forgets references when the machine runs', () => {
    const ref = scope(0, 'Locals').variablesReference;
    assert.equal(inspector.variables(ref).length, 4);
    inspector.invalidate();
    assert.deepEqual(inspector.variables(ref), []);
    assert.deepEqual(inspector.variables(987654), []);
  });

  it('evaluates breakpoint conditions in frames and over VM event fields', () => {
    const yes = inspector.compileCondition('depth == 2000 && frame[0] != frame[1]');
    assert.equal(inspector.evaluateCondition(yes, s.frames[0]), true);
    assert.equal(inspector.evaluateCondition(inspector.compileCondition('depth < 5'), s.frames[0]), false);
    assert.equal(inspector.evaluateCondition(inspector.compileCondition('n > 24000'), s.frames[1]), true);
    assert.throws(() => inspector.compileCondition('depth =='), /depth ==/);
    assert.throws(() => inspector.evaluateCondition(inspector.compileCondition('nosuch > 1'), s.frames[0]), /no symbol 'nosuch'/);
    const event = { addr: 0x4746f000, pid: s.process.pid, write: true, user: true, name: 'stack-growth', nr: undefined };
    const c = inspector.compileCondition('write && addr >= 0x47400000 && name == "stack-growth" && pid == 1');
    assert.equal(inspector.evaluateCondition(c, event), true);
    assert.equal(inspector.evaluateCondition(inspector.compileCondition('name != "stack-growth"'), event), false);
    assert.equal(inspector.evaluateCondition(inspector.compileCondition('addr < lowest_frame'), event), true);
    assert.throws(() => inspector.evaluateCondition(inspector.compileCondition('nr == 3'), event), /no field 'nr' in this event \(it has: addr, pid, write, user, name\)/);
  });

  it('interpolates log messages', () => {
    assert.equal(inspector.formatLogMessage('depth={depth} i={i} {{x}} {nosuch} {depth*2}', s.frames[0]), "depth=2000 i=0 {x} <error: no symbol 'nosuch' in the current scope> 4000");
    assert.match(inspector.formatLogMessage('{test_name}', s.frames[0]), /^0x[0-9a-f]+ "stack-grow"$/);
  });

  it('locates data breakpoints on variables and expressions', () => {
    const localsRef = scope(0, 'Locals').variablesReference;
    const sum = inspector.locateData({ name: 'sum', variablesReference: localsRef });
    assert.equal(sum.address, Number(inspector.evaluate('&sum', 0, 'watch').result));
    assert.equal(sum.size, 8);
    assert.equal(sum.pid, s.process.pid);
    assert.match(sum.description, /^sum \(long unsigned int, 8 bytes at 0x[0-9a-f]+\)$/);
    const element = inspector.locateData({ name: 'frame[2]', frameId: 0 });
    assert.equal(element.address, inspector.evaluateAddress('&frame[2]', 0));
    assert.equal(element.size, 8);
    assert.equal(inspector.locateData({ name: 'lowest_frame' }).address, 0x404008);
    assert.throws(() => inspector.locateData({ name: '$rax', frameId: 0 }), /register/);
    assert.throws(() => inspector.locateData({ name: 'depth + 1', frameId: 0 }), /not an object in memory/);
    assert.equal(inspector.evaluateAddress('0x404008'), 0x404008);
    assert.equal(inspector.evaluateAddress('pattern + 16', 0), 0x404030);
  });

  it('completes identifiers, registers and commands', () => {
    const labels = (text: string) => inspector.completions(text, text.length + 1, 0).map((c) => c.label);
    assert.deepEqual(labels('dep'), ['depth']);
    assert.ok(labels('fr').includes('frame'));
    assert.ok(labels('patt').includes('pattern'));
    assert.ok(labels('rec').includes('recurse'));
    const regs = labels('1 + $rs');
    assert.ok(regs.includes('$rsp') && regs.includes('$rsi') && !regs.includes('$rax'));
    assert.ok(labels('wa').includes('walk'));
    assert.ok(!labels('1 + wa').includes('walk'));
    const item = inspector.completions('x + dep', 8, 0)[0];
    assert.deepEqual({ start: item.start, length: item.length }, { start: 5, length: 3 });
  });

  it('runs the VM commands of the Debug Console', () => {
    const repl = (text: string) => inspector.evaluate(text, 0, 'repl').result;
    assert.match(repl('help'), /walk ADDR/);
    const walk = repl('walk $rsp');
    assert.match(walk, /^walk of 0x4747[0-9a-f]+ in process 1: mapped -> physical 0x[0-9a-f]+/);
    assert.equal(walk.split('\n').length, 5);
    assert.match(walk, /PML4/);
    assert.match(repl('pte &depth'), /PTE 0x[0-9a-f]{16} at 0x[0-9a-f]+ .*P/);
    assert.match(repl('spt $rsp'), /region: stack[\s\S]*state: in-frame/);
    assert.match(repl('spt'), /^SPT of process 1: \d+ pages/);
    assert.match(repl('spt 0x10000000'), /no SPT entry for page 0x10000000/);
    assert.match(repl('frame 0'), /^frame 0 at physical 0x[0-9a-f]+/);
    assert.match(repl('frame'), /^\{\d+, /, 'a local called frame wins over the command');
    assert.match(inspector.evaluate('frame', 1, 'repl').result, /^frame table: \d+ of \d+ frames used/);
    assert.match(repl('swap'), /^swap: 0 of \d+ slots used/);
    assert.match(repl('swap 3'), /swap slot 3 is free/);
    const dump = repl('x/2xg frame');
    assert.match(dump, /^0x4747[0-9a-f]+: {2}0x[0-9a-f]{16} {2}0x[0-9a-f]{16}$/);
    assert.match(repl('x/s test_name'), /"stack-grow"$/);
    assert.match(repl('x/2i $rip'), /^0x[0-9a-f]+ <recurse\+0x[0-9a-f]+>: {2}mov/);
    assert.match(repl('x/4xb pattern'), /0x61 {2}0x62 {2}0x63 {2}0x64$/);
    assert.throws(() => repl('walk'), /missing ADDR/);
    assert.throws(() => repl('frame abc'), /must be a number/);
  });
});

describe('inspect: structs and strings (hello)', function () {
  it("expands printf's struct pointers and completes their members", () => {
    const s = runToLibraryLine('hello', 'printf.c', 81, ['alpha', 'beta']);
    const inspector = new Inspector(s.host);
    const locals = inspector.variables(inspector.scopes(0)[0].variablesReference);
    const o = find(locals, 'o');
    assert.equal(o.type, 'struct out *');
    assert.equal(o.namedVariables, 5);
    const members = inspector.variables(o.variablesReference);
    assert.deepEqual(members.map((m) => m.name), ['buf', 'cap', 'len', 'console', 'total']);
    assert.deepEqual(members.map((m) => m.evaluateName), ['o->buf', 'o->cap', 'o->len', 'o->console', 'o->total']);
    assert.equal(find(members, 'cap').type, 'size_t');
    assert.match(find(members, 'buf').value, /^0x4747[0-9a-f]+ "/);
    assert.equal(find(locals, 's').type, 'const struct spec *');
    assert.equal(find(locals, 'upper').value, 'false');
    assert.equal(find(locals, 'upper').type, '_Bool');
    const spec = inspector.evaluate('*s', 0, 'watch');
    assert.equal(spec.type, 'const struct spec');
    assert.match(spec.result, /^\{minus = false, zero = false, plus = false, space = false, alt = false, width = \d+, precision = -?\d+, length = \d+ '.*'\}$/);
    assert.equal(inspector.evaluate('s->precision == (*s).precision', 0, 'watch').result, '1');
    assert.equal(inspector.evaluate('sizeof(struct out)', 0, 'watch').result, '32');
    assert.equal(inspector.evaluate('(size_t)-1', 0, 'watch').result, '18446744073709551615');
    assert.equal(inspector.evaluate('((struct spec *)s)->width', 0, 'watch').result, inspector.evaluate('s->width', 0, 'watch').result);
    assert.equal(inspector.evaluate('o->buf[0]', 0, 'watch').type, 'char');
    const fields = inspector.completions('o->c', 5, 0).map((c) => c.label);
    assert.deepEqual(fields, ['cap', 'console']);
    assert.deepEqual(inspector.completions('(*s).wi', 8, 0).map((c) => c.label), ['width']);
    assert.deepEqual(inspector.completions('size', 5, 0).map((c) => c.label).filter((l) => l === 'size_t' || l === 'sizeof'), ['size_t', 'sizeof']);
  });

  it('shows argv as strings', () => {
    const s = runToMarker('hello', 'print_arg', ['alpha', 'beta'], 2);
    const inspector = new Inspector(s.host);
    const locals = inspector.variables(inspector.scopes(0)[0].variablesReference);
    assert.equal(find(locals, 'argc').value, '3');
    assert.equal(find(locals, 'i').value, '1');
    const argv = find(locals, 'argv');
    assert.equal(argv.type, 'char **');
    const first = inspector.variables(argv.variablesReference);
    assert.equal(first.length, 1);
    assert.equal(first[0].name, '*argv');
    assert.match(first[0].value, /^0x4747[0-9a-f]+ "hello"$/);
    assert.match(inspector.evaluate('argv[i]', 0, 'watch').result, /^0x4747[0-9a-f]+ "alpha"$/);
    assert.match(inspector.evaluate('argv[2]', 0, 'watch').result, /"beta"$/);
    assert.equal(inspector.evaluate('argv[argc]', 0, 'watch').result, '0x0');
    assert.equal(inspector.evaluate('argv[1][0]', 0, 'watch').result, "97 'a'");
    assert.equal(inspector.evaluate('argv[1] == "alpha"', 0, 'watch').result, '1');
  });

  it('reads a pointer parameter in quicksort (bench)', () => {
    const s = runToMarker('bench', 'partition');
    const inspector = new Inspector(s.host);
    const ev = (text: string) => inspector.evaluate(text, 0, 'watch').result;
    assert.equal(ev('n'), '100000');
    assert.equal(ev('mid'), '50000');
    assert.equal(ev('a == numbers'), '1');
    assert.equal(ev('a[0] <= a[mid] && a[mid] <= a[n - 1]'), '1');
    assert.equal(ev('*(a + mid) == a[mid]'), '1');
    assert.equal(ev('&a[mid] - a'), '50000');
    assert.equal(inspector.evaluate('a', 0, 'watch').memoryReference, ev('a'));
    assert.match(ev('swap'), /^0x[0-9a-f]+ <swap>$/);
    assert.match(ev('(swap)'), /^0x[0-9a-f]+ <swap>$/);
  });
});
