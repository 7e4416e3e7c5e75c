// The text of a reproducer: the code bytes and their disassembly, the initial state, both final
// states and how they differ. Everything needed to replay the case by hand.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flagNames, registerNames } from './compare';
import { CODE_ADDR, DATA_ADDR, DiffCase, FinalState, REG_NAMES } from './state';

const hex = (v: bigint | number, width = 0): string => `0x${v.toString(16).padStart(width, '0')}`;

/** Disassembles code placed at CODE_ADDR with the host objdump; one line per instruction, or a
 *  note when objdump is unavailable. */
export function disassemble(code: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'diff-disasm-'));
  try {
    const file = join(dir, 'code.bin');
    writeFileSync(file, code);
    const text = execFileSync('objdump', ['-D', '-b', 'binary', '-mi386:x86-64', `--adjust-vma=${hex(CODE_ADDR)}`, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return text.split('\n').filter((l) => /^\s+[0-9a-f]+:\t/.test(l)).map((l) => l.trimEnd());
  } catch {
    return ['(objdump not available)'];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Formats a final state: outcome, rip, fault address, registers, flags, changed data bytes. */
export function formatState(s: FinalState): string[] {
  if (s.error !== undefined) return [`error: ${s.error}`];
  const lines = [`${s.kind} at rip ${hex(s.rip)}${s.kind === 'page-fault' ? ` (address ${hex(s.addr)})` : ''}, flags [${flagNames(s.flags)}]`];
  lines.push(...formatRegs(s.regs));
  const changes = s.changes.map(([o, v]) => `+${hex(o)}=${v.toString(16).padStart(2, '0')}`);
  lines.push(`changed data bytes: ${changes.length === 0 ? 'none' : changes.slice(0, 32).join(' ')}${changes.length > 32 ? ' ...' : ''}`);
  return lines;
}

function formatRegs(regs: readonly bigint[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    lines.push(regs.slice(i, i + 4).map((v, k) => `${REG_NAMES[i + k].padStart(3)}=${hex(v, 16)}`).join(' '));
  }
  return lines;
}

/** The full reproducer of a mismatching case. */
export function formatReproducer(
  title: string,
  c: DiffCase,
  native: FinalState,
  emu: FinalState,
  differences: readonly string[],
  undefinedFlags: number,
  upperUnspecified = 0,
): string {
  const bytes = Buffer.from(c.code).toString('hex').replace(/(..)/g, '$1 ').trim();
  const lines = [
    title,
    `  code at ${hex(CODE_ADDR)}: ${bytes}`,
    ...disassemble(c.code).map((l) => `    ${l}`),
    `  initial state: flags [${flagNames(c.flags)}], data area ${hex(DATA_ADDR)} filled by xorshift32 seed ${hex(c.seed)}` +
      (c.patches.length > 0 ? `, then qwords ${c.patches.map((p) => `+${hex(p.offset)}=${hex(p.value)}`).join(' ')}` : ''),
    ...formatRegs(c.regs).map((l) => `    ${l}`),
    `  native:`,
    ...formatState(native).map((l) => `    ${l}`),
    `  emulator:`,
    ...formatState(emu).map((l) => `    ${l}`),
    `  differences${undefinedFlags !== 0 ? ` (not compared, undefined: [${flagNames(undefinedFlags)}])` : ''}` +
      `${upperUnspecified !== 0 ? ` (not compared, implementation-specific: bits 63:32 of ${registerNames(upperUnspecified)})` : ''}:`,
    ...differences.map((d) => `    ${d}`),
  ];
  return lines.join('\n');
}
