// Kernel work that can stop between its events. A piece of work on the page-fault, system-call
// or exit path is a generator: right after an event that a listener asked to stop on
// (EventBus.stopRequested) it yields the words naming what the kernel is in the middle of, and it
// returns its result at the end. The debugger then shows the machine exactly at that event, while
// the rest of the work waits in the generator until the process resumes. Work that no listener
// stops on never yields, so the usual run pays only for the generators themselves.

/** Work that pauses after each event a debugger stops on; each pause names the work in progress. */
export type Steps<T> = Generator<string, T, undefined>;

/** How far `advance` got: the end of the work with its result, or a pause and what the work is doing. */
export type Advanced<T> = { done: true; value: T } | { done: false; doing: string };

/** Drives `steps` to its end, through any pause, and returns its result (for callers that cannot stop). */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Drives `steps` until it ends or pauses; after a pause, call again to go on. */
export function advance<T>(steps: Steps<T>): Advanced<T> {
  const r = steps.next();
  return r.done ? { done: true, value: r.value } : { done: false, doing: r.value };
}
