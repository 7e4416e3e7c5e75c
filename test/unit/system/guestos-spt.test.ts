// The supplemental page table of a booted kernel, read through its DWARF (src/guestos/): the test
// kernel stopped while its user program runs; what the reader finds must agree with what the
// kernel printed about the pages it loaded, and with the hardware page table.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo } from '../../../src/debuginfo';
import { StructIndex } from '../../../src/guestos/struct-index';
import { readSupplementalPageTable } from '../../../src/guestos/spt-reader';
import { runningThread } from '../../../src/guestos/running-thread';
import { readFrameList } from '../../../src/guestos/frame-list-reader';
import { readSwapBitmap } from '../../../src/guestos/swap-bitmap-reader';
import type { GuestMemory } from '../../../src/guestos/guest-memory';
import { SYSTEST_BUILD, SYSTEST_DIR } from './systest-disks';
import { bootedPc } from './systest-pc';

describe("a booted kernel's supplemental page table, read through DWARF (systest/)", function () {
  this.timeout(120_000);
  let types: StructIndex;
  let debug: DebugInfo;
  before(() => {
    execFileSync('make', ['-C', SYSTEST_DIR], { stdio: ['ignore', 'pipe', 'pipe'] });
    debug = DebugInfo.fromElf(new Uint8Array(readFileSync(path.join(SYSTEST_BUILD, 'kernel.o'))));
    types = new StructIndex(debug);
  });

  /** Boots the test kernel and runs it until its output contains `line`. */
  function stopAfter(line: string) {
    const { pc, bytes } = bootedPc();
    for (let k = 0; k < 2000 && !Buffer.from(bytes).toString('latin1').includes(line); k++) pc.run(20_000);
    const text = Buffer.from(bytes).toString('latin1');
    assert.ok(text.includes(line), `the kernel never printed "${line}":\n${text}`);
    const mem: GuestMemory = { read: (va, n) => {
      const r = pc.memory.readVirtual(va, n, { user: false });
      return r.bytes.length === n ? r.bytes : undefined;
    } };
    return { pc, mem, text };
  }

  it('lists the pages the user program touched, with their frames, as the kernel printed them', () => {
    const { pc, mem, text } = stopAfter('userprog: bss pages read as zero and are writable');
    const thread = runningThread(pc.machine.cpu, mem, types);
    assert.ok(thread !== undefined, 'the running thread is found from the kernel stack');
    const spt = readSupplementalPageTable(types, mem, thread!);
    assert.ok(spt.ok, spt.ok ? '' : spt.missing);
    const pages = spt.ok ? spt.pages : [];
    const loaded = [...text.matchAll(/vm: loaded (0x[0-9a-f]+) from userprog/g)].map((m) => Number(m[1]));
    assert.deepEqual(loaded, [0x400000, 0x401000, 0x402000, 0x403000, 0x404000]);
    for (const va of [...loaded, 0x4747f000]) {
      const p = pages.find((x) => x.va === va);
      assert.ok(p, `page 0x${va.toString(16)} in the table: ${JSON.stringify(pages)}`);
      assert.ok(p!.frame !== undefined && p!.kva !== undefined, `0x${va.toString(16)} has a frame`);
      // the frame's kva maps the same physical page as the user page does
      const user = pc.memory.peekTranslate(va, 0, true);
      const kernel = pc.memory.peekTranslate(p!.kva!, 0, false);
      assert.ok(user.ok && kernel.ok && user.pa === kernel.pa, `0x${va.toString(16)} and its kva share a physical page`);
      assert.notEqual(p!.kind, 'uninit', `0x${va.toString(16)} is loaded`);
    }
  });

  it('reads the frame table: one frame per loaded page, holding that page', () => {
    const { pc, mem } = stopAfter('userprog: bss pages read as zero and are writable');
    const spt = readSupplementalPageTable(types, mem, runningThread(pc.machine.cpu, mem, types)!);
    const frames = readFrameList(debug, types, mem);
    assert.ok(frames.ok, frames.ok ? '' : frames.missing);
    if (!frames.ok || !spt.ok) return;
    assert.equal(frames.global, 'frame_table');
    const inFrames = spt.pages.filter((p) => p.frame !== undefined);
    assert.deepEqual(frames.frames.map((f) => f.address).sort(), inFrames.map((p) => p.frame!).sort());
    for (const f of frames.frames) assert.equal(inFrames.find((p) => p.frame === f.address)?.va, f.va);
  });

  it('reads the swap map: the slot the kernel swapped a page out to, and no other', () => {
    const { mem, text } = stopAfter('vm: swapped out 0x403000 to swap slot 0');
    assert.ok(!text.includes('swapped in 0x403000'), 'stopped before the page came back');
    const swap = readSwapBitmap(debug, types, mem);
    assert.ok(swap.ok, swap.ok ? '' : swap.missing);
    if (!swap.ok) return;
    assert.equal(swap.global, 'swap_table');
    // a 4 MB swap disk: 8064 sectors, 8 per slot, the last slot holds the label
    assert.equal(swap.slotCount, 8064 / 8 - 1);
    assert.deepEqual(swap.used, [0]);
  });

  it('names what it cannot find in a kernel without the structures', () => {
    const empty = new StructIndex(DebugInfo.fromElf(new Uint8Array(readFileSync(path.join(SYSTEST_BUILD, 'userprog')))));
    const r = readSupplementalPageTable(empty, { read: () => undefined }, 0);
    assert.deepEqual(r, { ok: false, missing: "struct thread in the kernel's debug information" });
    assert.deepEqual(readFrameList(DebugInfo.fromElf(new Uint8Array(readFileSync(path.join(SYSTEST_BUILD, 'userprog')))), empty, { read: () => undefined }), {
      ok: false, missing: 'a global struct list of frames (a global whose name mentions "frame")',
    });
  });
});
