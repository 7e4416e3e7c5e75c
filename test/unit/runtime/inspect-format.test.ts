// Display of values (unions, floats, enums, function pointers, characters, strings), the cast
// heuristics of the parser without debug info, and the variables rows built from values.
import { strict as assert } from 'node:assert';
import type { DwarfType } from '../../../src/debuginfo';
import { BUILTIN, pointerTo } from '../../../src/runtime/inspect/c-types';
import { parseExpression } from '../../../src/runtime/inspect/expr/parser';
import { charLiteral, stringLiteral } from '../../../src/runtime/inspect/format-text';
import { formatValue } from '../../../src/runtime/inspect/format-value';
import { childCount, childRows } from '../../../src/runtime/inspect/value-children';
import { floatValue, intValue, type Value } from '../../../src/runtime/inspect/value';
import { ADDR, COLOR, fakeProgram, NODE, POINT } from './inspect-fakes';

const UNION: DwarfType = { kind: 'union', id: 900, name: 'word', size: 4, declaration: false, members: [{ name: 'i', type: BUILTIN.int, offset: 0 }, { name: 'c', type: { kind: 'array', id: 901, element: BUILTIN.unsignedChar, counts: [4] }, offset: 0 }] };
const FN: DwarfType = { kind: 'function', id: 902, returnType: BUILTIN.int, params: [BUILTIN.int], variadic: false, prototyped: true };

describe('inspect: value display', () => {
  it('spells characters and strings as C does', () => {
    assert.equal(charLiteral(65), "'A'");
    assert.equal(charLiteral(0), "'\\0'");
    assert.equal(charLiteral(39), "'\\''");
    assert.equal(charLiteral(200), "'\\310'");
    assert.equal(stringLiteral(Buffer.from('a"b\\\n\t')), '"a\\"b\\\\\\n\\t"');
  });

  it('formats unions, floats, enums and function pointers', () => {
    const { env, memory } = fakeProgram();
    memory.poke(ADDR.flags + 16, [0x41, 0x42, 0x43, 0x44]);
    const word: Value = { type: UNION, place: { kind: 'memory', address: BigInt(ADDR.flags + 16) } };
    assert.equal(formatValue(word, env, env.types), '{i = 1145258561, c = "ABCD"}');
    assert.equal(formatValue(floatValue(BUILTIN.double, 2.5), env, env.types), '2.5');
    assert.equal(formatValue(floatValue(BUILTIN.float, 3), env, env.types), '3');
    assert.equal(formatValue(intValue(COLOR, 1n), env, env.types, { hex: true }), 'GREEN');
    assert.equal(formatValue(intValue(COLOR, 9n), env, env.types, { hex: true }), '0x9');
    const symbolize = (a: number) => (a === 0x401000 ? 'main' : undefined);
    assert.equal(formatValue(intValue(pointerTo(FN), 0x401000n), env, env.types, { symbolize }), '0x401000 <main>');
    assert.equal(formatValue(intValue(pointerTo(FN), 0n), env, env.types, { symbolize }), '0x0');
    assert.equal(formatValue(intValue(BUILTIN.bool, 1n), env, env.types), 'true');
    assert.equal(formatValue(intValue(pointerTo(BUILTIN.char), BigInt(ADDR.absent)), env, env.types), `0x${ADDR.absent.toString(16)} <unreadable: page 0x${ADDR.absent.toString(16)} not present>`);
    assert.equal(formatValue({ type: BUILTIN.int, place: { kind: 'none' }, error: 'optimized out' }, env, env.types), '<optimized out>');
  });

  it('truncates long strings and previews', () => {
    const { env, memory } = fakeProgram();
    memory.poke(0x601000, Buffer.from('x'.repeat(150)));
    assert.equal(formatValue(intValue(pointerTo(BUILTIN.char), 0x601000n), env, env.types), `0x601000 "${'x'.repeat(100)}"...`);
  });

  it('expands structs, arrays and pointers into rows with C expressions', () => {
    const { env } = fakeProgram();
    const n1 = env.lookup('n1') as Value;
    assert.deepEqual(childCount({ name: 'n1', value: n1 }, env, env.types), { named: 3 });
    const rows = childRows({ name: 'n1', value: n1, evaluateName: 'n1' }, env, env.types);
    assert.deepEqual(rows.map((r) => [r.name, r.evaluateName]), [['value', 'n1.value'], ['next', 'n1.next'], ['name', 'n1.name']]);
    const next = childRows(rows[1], env, env.types);
    assert.deepEqual(next.map((r) => r.evaluateName), ['n1.next->value', 'n1.next->next', 'n1.next->name']);
    assert.equal(childCount(next[1], env, env.types), undefined, 'a null pointer does not expand');
    const cast: Value = { type: pointerTo(POINT), place: { kind: 'none' }, bytes: intValue(pointerTo(POINT), BigInt(ADDR.point)).bytes };
    assert.deepEqual(childRows({ name: 'x', value: cast, evaluateName: '(struct point *)p + 0' }, env, env.types).map((r) => r.evaluateName), ['((struct point *)p + 0)->x', '((struct point *)p + 0)->y']);
    const s = env.lookup('s') as Value;
    assert.deepEqual(childRows({ name: 's', value: s, evaluateName: 's' }, env, env.types).map((r) => [r.name, r.evaluateName]), [['*s', '*s']]);
    const arr = env.lookup('arr') as Value;
    assert.deepEqual(childRows({ name: 'arr', value: arr, evaluateName: 'arr' }, env, env.types, 3, 10).map((r) => r.name), ['[3]', '[4]']);
    assert.equal(childCount({ name: 'v', value: intValue(pointerTo(BUILTIN.void), 5n) }, env, env.types), undefined);
    assert.equal(childCount({ name: 'n', value: { type: pointerTo(NODE), place: { kind: 'none' }, bytes: intValue(pointerTo(NODE), BigInt(ADDR.nodes)).bytes } }, env, env.types)?.named, 3);
  });
});

describe('inspect: parsing casts without debug info', () => {
  it('takes (name *) and (name) operand as casts, (name) - x as arithmetic', () => {
    assert.equal(parseExpression('(foo_t *)p').k, 'cast');
    assert.equal(parseExpression('(foo_t)x').k, 'cast');
    assert.equal(parseExpression('(foo_t)(x)').k, 'cast');
    assert.equal(parseExpression('(a) - b').k, 'binary');
    assert.equal(parseExpression('(a) * b').k, 'binary');
    assert.equal(parseExpression('(unsigned long)-1').k, 'cast');
    assert.equal(parseExpression('(a) - b', { isTypedefName: (n) => n === 'a' }).k, 'cast');
    assert.equal(parseExpression('sizeof (struct page)').k, 'sizeofType');
    assert.equal(parseExpression('sizeof x').k, 'sizeofExpr');
    assert.equal(parseExpression('a = b = 3').k, 'assign');
    assert.equal(parseExpression('"ab" "cd"').k, 'string');
  });
});
