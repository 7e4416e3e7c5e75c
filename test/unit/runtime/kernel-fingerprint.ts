// A text describing everything reachable from the kernel (the emulator aside): each object by
// class, fields in order (wiring declared with SNAPSHOT_KEEP aside), and the bytes of typed arrays
// by digest, with shared references and cycles by number; a disk's copy-on-write bookkeeping (which
// chunks it may write in place) is not state and left out. Two kernels in the same state give the
// same text; for checking that a restored checkpoint is exactly the state it was taken in.
import { createHash } from 'node:crypto';
import { BlockDevice } from '../../../src/kernel/devices/block-device';
import { SNAPSHOT_KEEP } from '../../../src/kernel/snapshot-hooks';
import type { BootedMachine } from '../../../src/runtime/machine-boot';

/** The fingerprint of `booted`'s kernel now. */
export function kernelFingerprint(booted: BootedMachine): string {
  const externals = new Set<object>([booted.machine, booted.machine.cpu, booted.memory, booted.memory.phys]);
  const ids = new Map<object, number>();
  const out: string[] = [];
  const describe = (v: unknown): string => {
    if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v) ?? 'undefined';
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'function') return 'fn';
    if (typeof v !== 'object') return typeof v;
    if (externals.has(v)) return 'external';
    const known = ids.get(v);
    if (known !== undefined) return `#${known}`;
    const id = ids.size;
    ids.set(v, id);
    const line: string[] = [`#${id} ${v.constructor?.name ?? 'null'}`];
    out.push('');
    const at = out.length - 1;
    if (ArrayBuffer.isView(v)) line.push(`${v.byteLength} ${createHash('sha1').update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).digest('hex')}`);
    else if (v instanceof ArrayBuffer) line.push(createHash('sha1').update(new Uint8Array(v)).digest('hex'));
    else if (v instanceof Map) for (const [k, x] of v) line.push(`${describe(k)}=>${describe(x)}`);
    else if (v instanceof Set) for (const x of v) line.push(describe(x));
    else if (Array.isArray(v)) for (const x of v) line.push(describe(x));
    else {
      const keep = [...((v as { [SNAPSHOT_KEEP]?: string[] })[SNAPSHOT_KEEP] ?? []), ...(v instanceof BlockDevice ? ['owned'] : [])];
      for (const k of Object.keys(v)) if (!keep.includes(k)) line.push(`${k}:${describe((v as Record<string, unknown>)[k])}`);
    }
    out[at] = line.join(' ');
    return `#${id}`;
  };
  describe(booted.kernel);
  return out.join('\n');
}
