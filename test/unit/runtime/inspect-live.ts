// A real stopped program for the inspection tests: boots the machine with a sample from
// userprogs/build, runs it to the address of a `/* #BP:name */` marker line, and builds frame
// contexts (registers from the CPU, memory read without side effects) and an inspector host.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bootMachine, defaultKernelConfig, type BootedMachine } from '../../../src/cli/boot';
import { DebugInfo, type RegisterValues } from '../../../src/debuginfo';
import { REG64_NAMES } from '../../../src/emu/cpu/registers';
import type { FrameContext } from '../../../src/runtime/contract';
import type { InspectorHost } from '../../../src/runtime/inspector-host';
import { processMemoryOf } from '../../../src/runtime/process-memory';
import type { Process } from '../../../src/kernel/userprog/process';

const root = path.resolve(__dirname, '..', '..', '..');
export const BUILD = path.join(root, 'userprogs', 'build');
const SOURCES = path.join(root, 'userprogs', 'src');

/** A machine stopped at a marker. */
export interface Stopped {
  booted: BootedMachine;
  debugInfo: DebugInfo;
  process: Process;
  /** frame contexts, innermost first (from the CPU, then unwound) */
  frames: FrameContext[];
  host: InspectorHost;
}

/** The first address of the line holding `/* #BP:marker *\/` in `program`'s source. */
export function markerAddress(debugInfo: DebugInfo, program: string, marker: string): number {
  const file = path.join(SOURCES, `${program}.c`);
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(`#BP:${marker} `) || l.endsWith(`#BP:${marker}`) || l.includes(`#BP:${marker}*`));
  if (index < 0) throw new Error(`no marker ${marker} in ${file}`);
  const resolved = debugInfo.resolveBreakpointLine(file, index + 1);
  if (!resolved || resolved.addresses.length === 0) throw new Error(`marker ${marker} has no code`);
  return resolved.addresses[0];
}

/** Boots `program` with `args`, runs to `marker` (its `hits`-th hit) and returns the stopped machine. */
export function runToMarker(program: string, marker: string, args: string[] = [], hits = 1): Stopped {
  return runTo(program, (debugInfo) => markerAddress(debugInfo, program, marker), args, hits);
}

/** Boots `program` and runs to the first address of `line` of library file `file` (userprogs/lib). */
export function runToLibraryLine(program: string, file: string, line: number, args: string[] = []): Stopped {
  return runTo(program, (debugInfo) => {
    const resolved = debugInfo.resolveBreakpointLine(path.join(root, 'userprogs', 'lib', file), line);
    if (!resolved || resolved.addresses.length === 0) throw new Error(`${file}:${line} has no code`);
    return resolved.addresses[0];
  }, args, 1);
}

function runTo(program: string, where: (debugInfo: DebugInfo) => number, args: string[], hits: number): Stopped {
  const elf = path.join(BUILD, program);
  const debugInfo = DebugInfo.fromElf(readFileSync(elf));
  const cmdline = [program, ...args].join(' ');
  const booted = bootMachine(defaultKernelConfig(), [{ host: elf, guest: program }], cmdline, `-q -f put ${program} run '${cmdline}'`);
  const address = where(debugInfo);
  booted.machine.addBreakpoint(address);
  for (let hit = 0; hit < hits; ) {
    const stop = booted.kernel.run(50_000_000);
    if (stop.kind === 'finished' && hit === 0) throw new Error(`${program} finished before reaching 0x${address.toString(16)}`);
    if (stop.kind === 'debug') hit++;
    else if (stop.kind === 'finished') throw new Error(`${program} finished before the hit ${hit + 1}`);
  }
  booted.machine.removeBreakpoint(address);
  const process = booted.kernel.processes.current as Process;
  const frames = frameContexts(booted, debugInfo, process);
  const host: InspectorHost = {
    frameContext: (id) => frames[id],
    selectedPid: () => process.pid,
    processMemory: (pid) => (pid === process.pid ? processMemoryOf(booted.memory.phys, process) : undefined),
    debugInfoFor: () => debugInfo,
    debugInfoForAddress: () => debugInfo,
    vmView: ((name: string, args: { pid?: number; va?: number }) => {
      const vm = booted.kernel.vm;
      if (name === 'pintos/pageWalk') return vm.inspectWalk(process.space, args.va ?? 0);
      if (name === 'pintos/spt') return { pid: process.pid, entries: vm.inspectSpt(process.space) };
      if (name === 'pintos/frames') return vm.inspectFrames();
      if (name === 'pintos/swap') return vm.inspectSwap();
      throw new Error(`no view ${name}`);
    }) as InspectorHost['vmView'],
  };
  return { booted, debugInfo, process, frames, host };
}

function frameContexts(booted: BootedMachine, debugInfo: DebugInfo, process: Process): FrameContext[] {
  const cpu = booted.machine.cpu;
  const memory = booted.memory;
  const readMemory = (va: number, length: number): Uint8Array | undefined => {
    const got = memory.readVirtual(va, length, { user: true });
    return got.fault ? undefined : got.bytes;
  };
  const writeMemory = (va: number, bytes: Uint8Array): boolean => memory.pokeVirtual(va, bytes, { user: true }) === undefined;
  const top = new Map<string, bigint>();
  REG64_NAMES.forEach((name, i) => top.set(name, cpu.r64[i]));
  top.set('rip', BigInt(cpu.rip));
  top.set('rflags', BigInt(booted.machine.getRflags()));
  const regs: RegisterValues = {};
  for (const [k, v] of top) if (k !== 'rflags') (regs as Record<string, bigint>)[k] = v;
  const unwound = debugInfo.unwindStack(regs, (addr, size) => readMemory(Number(addr), size), 16);
  return unwound.map((frame, index) => {
    const registers = index === 0 ? top : new Map(Object.entries(frame.registers ?? {}).filter(([, v]) => v !== undefined) as [string, bigint][]);
    return {
      pid: process.pid,
      frameIndex: index,
      pc: Number(registers.get('rip') ?? 0n),
      registers,
      debugInfo,
      readMemory,
      writeMemory,
      setRegister: (name: string, value: bigint) => {
        if (index !== 0) return false;
        if (name === 'rip') booted.machine.setRip(value);
        else if (name === 'rflags') booted.machine.setRflags(Number(value));
        else booted.machine.setReg(name, value);
        return true;
      },
    };
  });
}
