// Handlers are plain functions created once per (operation, operand size, form) and shared by
// every decoded instruction of that kind, so decoding allocates no closures.
import type { Handler } from '../decoder/insn';

const cache = new Map<string, Handler>();

/** Returns the handler cached under `key`, creating it with `make` the first time. */
export function cachedHandler(key: string, make: () => Handler): Handler {
  let h = cache.get(key);
  if (!h) {
    h = make();
    cache.set(key, h);
  }
  return h;
}
