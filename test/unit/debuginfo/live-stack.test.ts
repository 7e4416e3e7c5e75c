// End to end against gdb on a live native process: the native bench build is stopped at
// breakpoints under gdb, which records its registers, stack bytes, physical frames and the
// addresses of visible variables; unwinding the same bytes and locating the same variables
// with this layer must give gdb's answers.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DebugInfo, type RegisterValues } from '../../../src/debuginfo';
import { buildDir, haveGdb, run, temporaryDir } from './binutils-oracle';

const snapshotScript = `
import gdb, json, os
def snapshot(out_path, mem_path):
    frame = gdb.newest_frame()
    regs = {}
    for r in ['rip','rsp','rbp','rbx','r12','r13','r14','r15','rax','rcx','rdx','rsi','rdi','r8','r9','r10','r11']:
        regs[r] = str(int(frame.read_register(r)) & 0xffffffffffffffff)
    frames = []
    f = frame
    while f is not None:
        if f.type() != gdb.INLINE_FRAME:
            entry = {'pc': str(f.pc()), 'vars': {}}
            f.select()
            try:
                block = f.block()
                while block is not None:
                    for sym in block:
                        if (sym.is_argument or sym.is_variable) and not sym.name in entry['vars']:
                            try:
                                entry['vars'][sym.name] = str(int(gdb.parse_and_eval('&' + sym.name)))
                            except Exception:
                                pass
                    if block.function is not None:
                        break
                    block = block.superblock
            except RuntimeError:
                pass
            frames.append(entry)
        f = f.older()
    rsp = int(regs['rsp'])
    pid = gdb.selected_inferior().pid
    top = None
    for line in open('/proc/%d/maps' % pid):
        lo, hi = [int(x, 16) for x in line.split()[0].split('-')]
        if lo <= rsp < hi:
            top = hi
    mem = gdb.selected_inferior().read_memory(rsp, top - rsp)
    open(mem_path, 'wb').write(bytes(mem))
    json.dump({'regs': regs, 'frames': frames, 'memStart': str(rsp)}, open(out_path, 'w'))
`;

interface Snapshot {
  regs: Record<string, string>;
  frames: { pc: string; vars: Record<string, string> }[];
  memStart: string;
  memory: Uint8Array;
}

/** Runs `program` under gdb to `location` (after `skip` hits) and returns gdb's snapshot. */
function snapshotAt(program: string, location: string, skip: number): Snapshot | undefined {
  const dir = temporaryDir('debuginfo-gdb-');
  writeFileSync(path.join(dir, 'snap.py'), snapshotScript);
  const json = path.join(dir, 'snap.json');
  const mem = path.join(dir, 'stack.bin');
  try {
    run('timeout', ['120', 'gdb', '-nx', '-batch', '-ex', `source ${path.join(dir, 'snap.py')}`, '-ex', `break ${location}`, '-ex', `ignore 1 ${skip}`,
      '-ex', 'run', '-ex', `python snapshot("${json}", "${mem}")`, '-ex', 'kill', program]);
  } catch {
    return undefined;
  }
  if (!existsSync(json)) return undefined;
  return { ...JSON.parse(readFileSync(json, 'utf8')), memory: new Uint8Array(readFileSync(mem)) };
}

const native = path.join(buildDir, 'native');
const cases: [string, string, number][] = [
  ['bench', 'fib', 25],
  ['bench', 'format_integer', 2],
  ['bench', 'bench.c:69', 3],
  ['bench-O2', 'bench.c:215', 25],
  ['bench-O2', 'format_integer', 2],
  ['bench-O2', 'bench.c:69', 3],
];

describe('debuginfo: stacks and variables of a live native process, against gdb', function () {
  this.timeout(600000);
  before(function () {
    if (!haveGdb() || !existsSync(path.join(native, 'bench')) || !existsSync(path.join(native, 'bench-O2'))) this.skip();
  });

  for (const [program, location, skip] of cases) {
    it(`${program} stopped at ${location}: same frames${program === 'bench' ? ' and variable addresses' : ''} as gdb`, function () {
      const file = path.join(native, program);
      const snap = snapshotAt(file, location, skip);
      if (!snap) this.skip();
      const info = DebugInfo.fromElf(readFileSync(file));
      const start = BigInt(snap.memStart);
      const readMemory = (addr: bigint, size: number): Uint8Array | undefined => {
        const at = Number(addr - start);
        return at >= 0 && at + size <= snap.memory.length ? snap.memory.subarray(at, at + size) : undefined;
      };
      const regs: RegisterValues = {};
      for (const [name, value] of Object.entries(snap.regs)) regs[name as keyof RegisterValues] = BigInt(value);
      const frames = info.unwindStack(regs, readMemory);
      const wanted = snap.frames.map((f) => Number(f.pc));
      assert.ok(wanted.length >= 3, `gdb saw ${wanted.length} frames`);
      assert.deepEqual(frames.slice(0, wanted.length).map((f) => Number(f.registers.rip)), wanted);
      if (program !== 'bench') return;
      let located = 0;
      snap.frames.forEach((gdbFrame, i) => {
        const frame = { pc: wanted[i], registers: frames[i].registers, readMemory, innermost: i === 0 };
        const visible = info.variablesAt(i === 0 ? wanted[i] : wanted[i] - 1);
        for (const [name, addr] of Object.entries(gdbFrame.vars)) {
          const variable = visible.find((v) => v.name === name) ?? info.globals().find((g) => g.name === name);
          assert.ok(variable, `frame ${i}: ${name} visible`);
          assert.deepEqual(info.locateVariable(variable, frame), { kind: 'memory', addr: BigInt(addr) }, `frame ${i}: &${name}`);
          located++;
        }
      });
      assert.ok(located >= 3, `located ${located} variables`);
    });
  }
});
