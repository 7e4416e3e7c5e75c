// Runs asynchronous jobs with at most N at a time.

/**
 * Calls `work` on every item, at most `jobs` at once, and returns the results in item order.
 * A job that throws rejects the whole pool (jobs report their own failures as results).
 */
export async function runPool<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
