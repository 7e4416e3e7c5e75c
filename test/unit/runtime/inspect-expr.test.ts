// The C expression engine: precedence, promotions, pointer arithmetic, casts, member access,
// registers, assignment and its error messages, over a hand-built program.
import { strict as assert } from 'node:assert';
import { UserFacingError } from '../../../src/runtime/contract';
import { evaluateExpr } from '../../../src/runtime/inspect/expr/evaluator';
import { parseExpression } from '../../../src/runtime/inspect/expr/parser';
import { formatTypeName } from '../../../src/debuginfo';
import { ADDR, fakeProgram, show } from './inspect-fakes';

function typeOf(text: string): string {
  const { env } = fakeProgram();
  return formatTypeName(evaluateExpr(parseExpression(text), env).type);
}

function fails(text: string, message: RegExp): void {
  const { env } = fakeProgram();
  assert.throws(() => show(env, text), (e: unknown) => (e instanceof UserFacingError || e instanceof Error) && message.test((e as Error).message));
}

describe('inspect: C expressions', () => {
  it('follows C precedence and associativity', () => {
    const { env } = fakeProgram();
    const cases: [string, string][] = [
      ['1 + 2 * 3', '7'], ['(1 + 2) * 3', '9'], ['10 - 4 - 3', '3'], ['1 << 2 + 1', '8'], ['2 * 3 % 4', '2'],
      ['1 | 2 ^ 3 & 4', '3'], ['-2 * -3', '6'], ['!0 + ~0', '0'], ['1 ? 2 : 3 ? 4 : 5', '2'], ['0 ? 2 : 0 ? 4 : 5', '5'],
      ['0 || 1 && 0', '0'], ['1 < 2 == 1', '1'], ['3 > 2 > 1', '0'], ['(1, 2)', '2'], ['- - 3', '3'], ['100 / 10 / 5', '2'],
    ];
    for (const [text, want] of cases) assert.equal(show(env, text), want, text);
  });

  it('applies integer promotions and usual arithmetic conversions (LP64)', () => {
    const { env } = fakeProgram();
    const cases: [string, string][] = [
      ['(unsigned char)255 + 1', '256'], ['(char)200', "-56 '\\310'"], ['-1 < 0u', '0'], ['-1 < 0L', '1'], ['1u - 2', '4294967295'],
      ['(long)1u - 2', '-1'], ['2147483647 + 1', '-2147483648'], ['4294967295', '4294967295'], ['-1 > 0ul', '1'],
      ['(short)-1 == -1', '1'], ['(unsigned short)-1', '65535'], ['uc + 1', '201'], ['uc', "200 '\\310'"], ['(int)uc << 24', '-939524096'],
      ['7 / -2', '-3'], ['-7 % 3', '-1'], ['1 << 31', '-2147483648'], ['1L << 40', '1099511627776'], ['-8 >> 1', '-4'], ['0x80000000 >> 31', '1'],
      ['1 << 32', '0'], ['0xffffffffffffffff', '18446744073709551615'], ['010', '8'], ["'A' + 1", '66'], ["'\\n'", "10 '\\n'"], ['0b101', '5'],
      ['sizeof(int)', '4'], ['sizeof(long)', '8'], ['sizeof(struct point)', '8'], ['sizeof p', '8'], ['sizeof arr', '20'], ['sizeof(char *)', '8'],
      ['sizeof arr / sizeof arr[0]', '5'], ['3.5 * 2', '7'], ['(int)3.9', '3'], ['1.5 < 2', '1'],
    ];
    for (const [text, want] of cases) assert.equal(show(env, text), want, text);
  });

  it('types literals and results as C does', () => {
    assert.equal(typeOf('1'), 'int');
    assert.equal(typeOf('0xffffffff'), 'unsigned int');
    assert.equal(typeOf('4294967295'), 'long');
    assert.equal(typeOf('1u + 1L'), 'long');
    assert.equal(typeOf('1u + 1'), 'unsigned int');
    assert.equal(typeOf('1ul'), 'unsigned long');
    assert.equal(typeOf('uc + uc'), 'int');
    assert.equal(typeOf('sizeof(int)'), 'unsigned long');
    assert.equal(typeOf('p.x < 3'), 'int');
    assert.equal(typeOf('&p'), 'struct point *');
    assert.equal(typeOf('arr + 1'), 'int *');
    assert.equal(typeOf('&arr'), 'int (*)[5]');
    assert.equal(typeOf('*np'), 'struct node');
    assert.equal(typeOf('n1.name'), 'char [8]');
  });

  it('reads members, elements and pointers, with pointer arithmetic scaled by the pointee', () => {
    const { env } = fakeProgram();
    const cases: [string, string][] = [
      ['p.x', '3'], ['p.y', '-4'], ['(&p)->y', '-4'], ['n1.next->value', '20'], ['np->next->next', '0x0'], ['n1.name', '"one"'],
      ['n1.next->name[1]', "119 'w'"], ['arr[2]', '21'], ['2[arr]', '21'], ['*(arr + 3)', '31'], ['&arr[3] - &arr[0]', '3'],
      ['(char *)&arr[1] - (char *)arr', '4'], ['*s', "104 'h'"], ['s[4]', "111 'o'"], ['s + 1', `0x${(ADDR.str + 1).toString(16)} "ello\\n"`],
      ['s', `0x${ADDR.str.toString(16)} "hello\\n"`], ['arr', '{1, 11, 21, 31, 41}'], ['p', '{x = 3, y = -4}'], ['c', 'BLUE'], ['c == BLUE', '1'],
      ['(enum color)1', 'GREEN'], ['(enum color)7', '7'], ['f.a', '5'], ['f.b', '-11'], ['np->value', '10'], ['np.value', '10'],
      ['((struct point *)0x600000)->y', '-4'], ['*(int *)0x600004', '-4'], ['(unsigned long)&p.y', '6291460'], ['&p.y', '0x600004'],
      ['p.x == 3 && n1.value == 10', '1'], ['s == "hello\\n"', '1'], ['s != "hello"', '1'], ['n1.name == "one"', '1'], ['np == &n1', '1'],
      ['arr[1] += 1', '12'], ['*np', '{value = 10, next = 0x600118, name = "one"}'],
    ];
    for (const [text, want] of cases) assert.equal(show(env, text), want, text);
  });

  it('formats in hex on request', () => {
    const { env } = fakeProgram();
    assert.equal(show(env, '-1', true), '0xffffffff');
    assert.equal(show(env, '255', true), '0xff');
    assert.equal(show(env, "'A'", true), "0x41 'A'");
    assert.equal(show(env, 'p', true), '{x = 0x3, y = 0xfffffffc}');
  });

  it('reads registers and their parts', () => {
    const { env } = fakeProgram();
    assert.equal(show(env, '$rax', true), '0x1122334455667788');
    assert.equal(show(env, '$eax', true), '0x55667788');
    assert.equal(show(env, '$ax', true), '0x7788');
    assert.equal(show(env, '$al', true), "0x88 '\\210'");
    assert.equal(show(env, '$ah', true), "0x77 'w'");
    assert.equal(show(env, '$rsp'), '0x47480000');
    assert.equal(show(env, '$sp + 8'), '0x47480008');
    assert.equal(show(env, '$rflags & 0x40'), '64');
    assert.equal(show(env, 'r'), '5');
  });

  it('assigns to memory, registers, bit fields and register variables', () => {
    const { env, memory, regs } = fakeProgram();
    assert.equal(show(env, 'p.x = 42'), '42');
    assert.equal(memory.read(ADDR.point, 1).bytes[0], 42);
    assert.equal(show(env, 'arr[4] = arr[0] * 7'), '7');
    assert.equal(show(env, 'arr[4]'), '7');
    assert.equal(show(env, '$eax = -1'), '-1');
    assert.equal(regs.values.get('rax'), 0x11223344ffffffffn);
    assert.equal(show(env, '$rax = 5'), '5');
    assert.equal(regs.values.get('rax'), 5n);
    assert.equal(show(env, 'f.b = 3'), '3');
    assert.equal(show(env, 'f.a'), '5');
    assert.equal(show(env, 'f.b'), '3');
    assert.equal(show(env, 'r = 99'), '99');
    assert.equal(regs.values.get('rbx'), 99n);
    assert.equal(show(env, 'c = GREEN'), 'GREEN');
    assert.equal(show(env, 'n1.next = 0'), '0x0');
    assert.equal(show(env, 'n1.next'), '0x0');
    assert.equal(show(env, 'uc = 300'), "44 ','");
  });

  it('gives user-facing errors', () => {
    fails('foo + 1', /^no symbol 'foo' in the current scope$/);
    fails('*p', /cannot dereference a non-pointer/);
    fails('p.z', /no member named 'z'/);
    fails('arr.x', /not a struct or union/);
    fails('1 / 0', /division by zero/);
    fails('3 = 4', /not an lvalue/);
    fails('arr = 0', /cannot assign to an array/);
    fails('&$rax', /address of a value in a register/);
    fails('&3', /not in memory/);
    fails('gone + 1', /^page 0x700000 not present$/);
    assert.equal(show(fakeProgram().env, 'gone'), '<unreadable: page 0x700000 not present>');
    fails('gone = 1', /^cannot write: page 0x700000 not present$/);
    fails('(struct nope *)0', /no struct named 'nope'/);
    fails('(foo_t)1', /no type named 'foo_t'/);
    fails('$xyz', /no register named/);
    fails('f(1)', /function calls are not supported/);
    fails('i++', /not supported/);
    fails('1 +', /incomplete expression|unexpected/);
    fails('(1', /expected '\)'/);
    fails('p + 1', /invalid operand/);
    fails('*(void *)0', /void pointer/);
    fails('"abc" + 1', /string/);
    fails('0x1g', /malformed number/);
  });

  it('refuses assignments when writes are not allowed', () => {
    const { env } = fakeProgram();
    assert.throws(() => show({ ...env, allowWrites: false }, 'p.x = 1'), /assignments are not allowed/);
  });
});
