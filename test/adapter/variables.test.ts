// Variables over a real DAP stream: locals, structs, arrays and pointers with their values, the
// Globals and Registers scopes, evaluation, setVariable, setExpression and completions.
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, buildAdapter, buildTestProgram, markerLine, testSource } from './harness';

describe('adapter: variables and expressions', function () {
  const src = testSource('shapes');
  let program: string;
  let s: AdapterSession;
  let frame: DebugProtocol.StackFrame;

  before(() => {
    buildAdapter();
    program = buildTestProgram('shapes');
  });
  beforeEach(async () => {
    s = new AdapterSession();
    await s.start();
    await s.launch({ program }, () => s.breakAt(src, ['after_copy']));
    const stop = await s.nextStop();
    frame = (await s.frames(stop.body.threadId!))[0];
    assert.equal(frame.line, markerLine(src, 'after_copy'));
  });
  afterEach(async () => s.stop());

  /** The children of `v`, by name; fails when `v` cannot be expanded. */
  async function expand(v: DebugProtocol.Variable | undefined): Promise<Map<string, DebugProtocol.Variable>> {
    assert.ok(v, 'variable exists');
    assert.ok(v.variablesReference > 0, `${v.name} expands`);
    return s.children(v.variablesReference);
  }

  it('shows locals: a struct, an array, a struct with nested arrays and a pointer', async () => {
    const locals = await s.scopeVariables(frame.id, 'Locals');
    const origin = await expand(locals.get('origin'));
    assert.equal(origin.get('x')?.value, '-2');
    assert.equal(origin.get('y')?.value, '7');
    const fib = await expand(locals.get('fib'));
    assert.deepEqual([...fib.values()].map((v) => v.value), ['1', '1', '2', '3', '5', '8']);
    const copy = await expand(locals.get('copy'));
    assert.match(copy.get('name')?.value ?? '', /"triangle"/);
    const corners = await expand(copy.get('corners'));
    const third = await expand(corners.get('[2]'));
    assert.equal(third.get('x')?.value, '0');
    assert.equal(third.get('y')?.value, '6');
    const color = await expand(copy.get('color'));
    assert.match(color.get('[0]')?.value ?? '', /^255\b/);
    const next = await expand(copy.get('next'));
    const pointee = [...next.values()];
    assert.ok(pointee.length > 0, 'a pointer to a struct expands to the struct');
  });

  it('answers a frame id of an earlier stop with no scopes, and the new frame with its own', async () => {
    const stale = frame.id;
    await s.dc.nextRequest({ threadId: (await s.dc.threadsRequest()).body.threads[0].id });
    const stop = await s.nextStop();
    const scopes = await s.dc.scopesRequest({ frameId: stale });
    assert.deepEqual(scopes.body.scopes, [], 'a frame of the earlier stop has no scopes, and no error');
    const fresh = (await s.frames(stop.body.threadId!))[0];
    assert.notEqual(fresh.id, stale);
    assert.ok((await s.scopeVariables(fresh.id, 'Locals')).size > 0, 'the new frame has its locals');
  });

  it('shows globals and registers', async () => {
    const globals = await s.scopeVariables(frame.id, 'Globals');
    const scores = await expand(globals.get('scores'));
    assert.deepEqual([...scores.values()].map((v) => v.value), ['10', '20', '30', '40', '50']);
    assert.equal(globals.get('total')?.value, '0');
    const registers = await s.scopeVariables(frame.id, 'Registers');
    const rip = registers.get('rip');
    assert.ok(rip, 'rip is a register');
    assert.equal(BigInt(rip.value.split(/\s/)[0]), BigInt(frame.instructionPointerReference!));
    assert.ok(registers.has('rflags'));
  });

  it('evaluates expressions, in hex when asked', async () => {
    const ev = (expression: string, format?: DebugProtocol.ValueFormat) => s.dc.evaluateRequest({ expression, frameId: frame.id, context: 'watch', format });
    assert.equal((await ev('copy.corners[2].y')).body.result, '6');
    assert.equal((await ev('scores[3] + fib[5]')).body.result, '48');
    assert.equal((await ev('copy.next->corners[1].x')).body.result, '4');
    assert.match((await ev('scores[4]', { hex: true })).body.result, /^0x0*32$/);
    const hover = await s.dc.evaluateRequest({ expression: 'origin', frameId: frame.id, context: 'hover' });
    assert.ok(hover.body.variablesReference > 0);
  });

  it('sets a variable and an expression', async () => {
    const locals = await s.scopeVariables(frame.id, 'Locals');
    const origin = locals.get('origin')!;
    const set = await s.dc.setVariableRequest({ variablesReference: origin.variablesReference, name: 'x', value: '5' });
    assert.equal(set.body.value, '5');
    const r = await s.raw('setExpression', { expression: 'scores[0]', value: '99', frameId: frame.id });
    assert.equal(r.success, true, r.message);
    const ev = (expression: string) => s.dc.evaluateRequest({ expression, frameId: frame.id, context: 'watch' });
    assert.equal((await ev('origin.x')).body.result, '5');
    assert.equal((await ev('scores[0]')).body.result, '99');
  });

  it('completes names', async () => {
    const r = await s.dc.completionsRequest({ text: 'sco', column: 4, frameId: frame.id });
    assert.ok(r.body.targets.some((t) => t.label === 'scores'));
  });
});
