// Hit-count conditions of breakpoints: `5` or `>=5` (from the 5th hit on), `>5`, `==5` or `=5`
// (only the 5th), `<5`, `<=5`, `%3` (every 3rd hit).

/** A parsed hit condition: says whether the breakpoint stops at hit number `count` (from 1). */
export type HitCondition = (count: number) => boolean;

/** Parses `text`; throws an Error saying what is expected when it is not a hit condition. */
export function parseHitCondition(text: string): HitCondition {
  const m = /^\s*(>=|<=|==|=|>|<|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`hit condition '${text}' must be a number optionally preceded by >=, >, ==, <, <= or %`);
  const n = Number(m[2]);
  switch (m[1]) {
    case '>':
      return (c) => c > n;
    case '==':
    case '=':
      return (c) => c === n;
    case '<':
      return (c) => c < n;
    case '<=':
      return (c) => c <= n;
    case '%':
      if (n === 0) throw new Error(`hit condition '${text}': the modulus must not be 0`);
      return (c) => c % n === 0;
    default:
      return (c) => c >= n;
  }
}
