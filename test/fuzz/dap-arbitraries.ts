// fast-check generators of DAP requests as a hostile client sends them: every command the adapter
// serves (but those that end the session), with arguments of every shape: sizes like 2^64, 2^53
// and negatives, strings that look like numbers, wrong types, missing and extra fields.
import fc from 'fast-check';

/** Commands the fuzzer sends: all the adapter serves, except launch and those that end the session. */
export const FUZZED_COMMANDS = [
  'configurationDone', 'cancel',
  'setBreakpoints', 'breakpointLocations', 'setFunctionBreakpoints', 'setInstructionBreakpoints', 'setExceptionBreakpoints', 'dataBreakpointInfo', 'setDataBreakpoints',
  'continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'pause', 'threads',
  'stackTrace', 'exceptionInfo', 'loadedSources', 'source', 'scopes', 'variables', 'setVariable',
  'evaluate', 'setExpression', 'completions', 'readMemory', 'writeMemory', 'disassemble',
  'pintos/processes', 'pintos/spt', 'pintos/pageTables', 'pintos/pageWalk', 'pintos/frames', 'pintos/swap', 'pintos/events',
  'pintos/stats', 'pintos/watchPage', 'pintos/travelToEvent', 'pintos/reverseStepOut', 'pintos/history',
  'unknownCommand',
] as const;

/** Numbers that break sizes, counts, offsets and addresses. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(0, 1, 2, -1, -1e6, 1e9, 2 ** 31, 2 ** 32, 2 ** 40, 2 ** 53, 2 ** 64, -(2 ** 63), Number.MAX_SAFE_INTEGER, 0.5, 1e308, -1e308, 0x8004000000, 0x400000),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Strings that look like numbers, addresses, expressions, or nothing at all. */
const hostileString = fc.oneof(
  fc.constantFrom('', 'NaN', 'Infinity', '-1', '1e309', '0x8004000000', '0xffffffffffffffff', '18446744073709551616', 'main', 'argc', '*(int *)0', 'argv[1000000000]', '$rip', '1 +', '\u0000', 'A'.repeat(10_000)),
  fc.string({ maxLength: 30 }),
);

/** Any JSON value a field might hold. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileNumber },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [1, 2], { a: 1 }) },
);

const source = fc.oneof(fc.record({ path: hostileString }, { requiredKeys: [] }), fc.record({ sourceReference: hostileNumber }), hostileValue);
const breakpoints = fc.oneof(fc.array(fc.record({ line: hostileNumber, column: hostileNumber, condition: hostileString, hitCondition: hostileString, logMessage: hostileString }, { requiredKeys: ['line'] }), { maxLength: 4 }), hostileValue);
const filters = fc.oneof(fc.array(fc.constantFrom('page-fault', 'lazy-load', 'eviction', 'process-exit', 'syscall', 'nonsense', ''), { maxLength: 4 }), hostileValue);

/** An arguments object: any of the fields DAP requests take, each with a hostile value; or not an object at all. */
export const hostileArguments: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        threadId: fc.oneof(fc.constant(1), hostileNumber),
        frameId: hostileNumber,
        variablesReference: hostileNumber,
        memoryReference: hostileString,
        offset: hostileNumber,
        count: hostileNumber,
        instructionOffset: hostileNumber,
        instructionCount: hostileNumber,
        resolveSymbols: hostileValue,
        data: hostileString,
        startFrame: hostileNumber,
        levels: hostileNumber,
        start: hostileNumber,
        expression: hostileString,
        context: fc.constantFrom('watch', 'repl', 'hover', 'clipboard', 'variables', 'nonsense'),
        name: hostileString,
        value: hostileString,
        text: hostileString,
        column: hostileNumber,
        line: hostileNumber,
        source,
        breakpoints,
        filters,
        requestId: hostileNumber,
        pid: hostileNumber,
        va: hostileNumber,
        seq: hostileNumber,
        sinceSeq: hostileNumber,
        limit: hostileNumber,
        physical: hostileValue,
        granularity: fc.constantFrom('instruction', 'line', 'statement', 'nonsense'),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: hostileValue },
);

/** One request: a command and its arguments. */
export const hostileRequest = fc.record({ command: fc.constantFrom(...FUZZED_COMMANDS), arguments: hostileArguments });

/** A request as generated. */
export type HostileRequest = { command: string; arguments: unknown };
