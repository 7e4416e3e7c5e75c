// Interleaved rounds: every contender runs once per round, in the same order, round after round
// (A B C D, A B C D, ...), so a slow spell of a shared machine falls on all of them instead of on
// whichever happened to run during it.

/** One slot of an interleaved schedule: the round and the contender's index. */
export interface Slot {
  round: number;
  contender: number;
}

/** The order of `rounds` interleaved rounds over `contenders` contenders. Empty when either is 0. */
export function interleavedOrder(rounds: number, contenders: number): Slot[] {
  const order: Slot[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let contender = 0; contender < contenders; contender++) order.push({ round, contender });
  }
  return order;
}

/**
 * Runs `contenders` in `rounds` interleaved rounds and returns each one's results in round order
 * (result[i][r] is contender i in round r). Runs strictly one at a time; a throw stops the whole
 * schedule (a benchmark whose run failed must not print figures as if it had not).
 */
export async function runInterleaved<T>(rounds: number, contenders: readonly (() => T | Promise<T>)[]): Promise<T[][]> {
  const results: T[][] = contenders.map(() => []);
  for (const slot of interleavedOrder(rounds, contenders.length)) results[slot.contender].push(await contenders[slot.contender]());
  return results;
}
