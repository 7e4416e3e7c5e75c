// Rate limiting for view refreshes: at most one call per interval while events keep coming, the
// last one never lost, and an immediate path for stops.

/** A throttled function with a way to run now and to cancel what is pending. */
export interface Throttled {
  /** asks for a call: runs now if the interval has passed, else once at its end */
  request(): void;
  /** runs now and drops any pending call */
  flush(): void;
  /** drops any pending call */
  cancel(): void;
}

/**
 * Wraps `fn` so it runs at most once per `intervalMs()` (read on every request, so a setting can
 * change it). `now` and the timer functions are injectable for tests.
 */
export function throttle(
  fn: () => void,
  intervalMs: () => number,
  clock: { now(): number; setTimeout(f: () => void, ms: number): unknown; clearTimeout(h: unknown): void } = {
    now: () => Date.now(),
    setTimeout: (f, ms) => setTimeout(f, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): Throttled {
  let last = -Infinity;
  let timer: unknown;
  const run = () => {
    timer = undefined;
    last = clock.now();
    fn();
  };
  const cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  return {
    request() {
      if (timer !== undefined) return;
      const wait = last + intervalMs() - clock.now();
      if (wait <= 0) run();
      else timer = clock.setTimeout(run, wait);
    },
    flush() {
      cancel();
      run();
    },
    cancel,
  };
}
