// The files a debug run puts on the Pintos disk: the program, the files the user listed, and the
// programs it may exec. Rule for the latter: an ELF file directly in the program's directory whose
// name fits the Pintos file system (at most 14 characters) and appears in the bytes of the program
// (or of a program already taken this way) as the start of a string followed by a space or NUL,
// as an exec command line like "sort-chunk chunk%d" does; up to 1 MiB each and 4 MiB in all, and
// only when no listed file has that guest name. (Putting every neighbour on the disk would fill
// the base file system's 16-entry root directory.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseElf } from '../kernel/userprog/elf';
import { UserFacingError } from './contract';
import { GUEST_NAME_MAX, type DiskFile, type LaunchOptions } from './launch-options';

const SIBLING_MAX_BYTES = 1 << 20;
const SIBLINGS_TOTAL_BYTES = 4 << 20;

/** A file with its content, ready for the disk. */
export interface LoadedDiskFile extends DiskFile {
  content: Uint8Array;
}

/** True when `bytes` start with the ELF magic. */
function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

function readOrFail(attribute: string, file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new UserFacingError(`${attribute}: cannot read ${file} (${e instanceof Error ? e.message : String(e)})`, attribute);
  }
}

/**
 * Reads the program and checks the kernel's loader would accept it; throws UserFacingError
 * "program: FILE is not a Pintos executable: REASON" otherwise.
 */
export function readProgram(options: LaunchOptions): LoadedDiskFile {
  const content = readOrFail('program', options.program);
  const parsed = parseElf(content);
  if (!parsed.ok) throw new UserFacingError(`program: ${options.program} is not a Pintos executable: ${parsed.reason}`, 'program');
  return { host: options.program, guest: options.programGuest, content };
}

/** True when `name` starts a string in `bytes`: preceded by NUL (or the start) and followed by a space or NUL. */
export function namesString(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'latin1');
  const hay = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = at === 0 ? 0 : hay[at - 1];
    const after = hay[at + needle.length];
    if (before === 0 && (after === 0 || after === 0x20)) return true;
  }
  return false;
}

/** ELF files next to `program` that it may exec (see the rule above), excluding `taken` guest names. */
function siblingPrograms(program: LoadedDiskFile, taken: Set<string>): LoadedDiskFile[] {
  const candidates = neighbourElfs(program.host, taken);
  const out: LoadedDiskFile[] = [];
  const scanned: LoadedDiskFile[] = [program];
  for (let i = 0; i < scanned.length; i++) {
    for (const c of candidates) {
      if (out.includes(c) || !namesString(scanned[i].content, c.guest)) continue;
      out.push(c);
      scanned.push(c);
    }
  }
  return out.sort((a, b) => a.guest.localeCompare(b.guest));
}

/** ELF files directly in `program`'s directory with Pintos-sized names, within the size limits. */
function neighbourElfs(program: string, taken: Set<string>): LoadedDiskFile[] {
  const dir = path.dirname(program);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: LoadedDiskFile[] = [];
  let total = 0;
  for (const name of names) {
    if (name.length > GUEST_NAME_MAX || taken.has(name) || /\s/.test(name)) continue;
    const host = path.join(dir, name);
    try {
      const st = statSync(host);
      if (!st.isFile() || st.size > SIBLING_MAX_BYTES || total + st.size > SIBLINGS_TOTAL_BYTES) continue;
      const content = new Uint8Array(readFileSync(host));
      if (!isElf(content)) continue;
      total += st.size;
      out.push({ host, guest: name, content });
    } catch {
      // unreadable neighbours are simply not offered
    }
  }
  return out;
}

/** Every file for the disk: the program first, then listed files, then the program's ELF neighbours. */
export function collectDiskFiles(options: LaunchOptions): LoadedDiskFile[] {
  const program = readProgram(options);
  const listed = options.files
    .filter((f) => f.guest !== program.guest)
    .map((f, i) => ({ ...f, content: readOrFail(`files[${i}]`, f.host) }));
  const taken = new Set([program.guest, ...listed.map((f) => f.guest)]);
  return [program, ...listed, ...siblingPrograms(program, taken)];
}
