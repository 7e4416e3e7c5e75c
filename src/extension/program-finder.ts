// Finds the user programs of the workspace: x86-64 ELF executables under a Pintos build tree
// (build/tests/**) or our userprogs/build/, recognised by their header bytes.
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ELF_PROBE_BYTES, isPintosExecutable } from './elf-probe';

/** A program found in a workspace folder. */
export interface FoundProgram {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  /** path relative to the folder, with forward slashes */
  relative: string;
}

const INCLUDE = '{**/build/tests/**,**/userprogs/build/**}';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/obj/**,**/native/**}';
/** names that are never programs, not even worth opening */
const NOT_PROGRAMS = /\.(o|d|c|h|S|s|txt|json|ck|output|result|errors|mk|lds|map)$/;
const MAX_CANDIDATES = 2000;

/** Reads the first bytes of a local file; undefined when unreadable. */
async function header(file: string): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buf = new Uint8Array(ELF_PROBE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, ELF_PROBE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** Sort key: our samples first, then Pintos tests, each by path. */
function rank(p: FoundProgram): string {
  const depth = p.relative.includes('/build/tests/') || p.relative.startsWith('build/tests/') ? 1 : 0;
  return `${depth}${p.relative}`;
}

/** Returns the Pintos programs of `folders` (default: every workspace folder), sorted. */
export async function findPrograms(folders: readonly vscode.WorkspaceFolder[] = vscode.workspace.workspaceFolders ?? []): Promise<FoundProgram[]> {
  const found: FoundProgram[] = [];
  for (const folder of folders) {
    if (folder.uri.scheme !== 'file') continue;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, INCLUDE), new vscode.RelativePattern(folder, EXCLUDE), MAX_CANDIDATES);
    const candidates = uris.filter((u) => !NOT_PROGRAMS.test(u.path));
    const checks = await Promise.all(candidates.map(async (uri) => ({ uri, bytes: await header(uri.fsPath) })));
    for (const { uri, bytes } of checks) {
      if (bytes !== undefined && isPintosExecutable(bytes)) {
        found.push({ uri, folder, relative: path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') });
      }
    }
  }
  return found.sort((a, b) => rank(a).localeCompare(rank(b)));
}

/**
 * Asks the user to pick one of the workspace's programs. Undefined when cancelled or when there
 * is none (then a message says where programs are looked for).
 */
export async function pickProgram(folders?: readonly vscode.WorkspaceFolder[]): Promise<FoundProgram | undefined> {
  const programs = await findPrograms(folders);
  if (programs.length === 0) {
    void vscode.window.showErrorMessage(
      'No Pintos user programs found. Build them first (e.g. `make` in a Pintos build folder, or `npm run userprogs`): programs are looked for under build/tests/ and userprogs/build/.',
    );
    return undefined;
  }
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const items = programs.map((p) => ({
    label: path.posix.basename(p.relative),
    description: `${multiRoot ? `${p.folder.name}: ` : ''}${path.posix.dirname(p.relative)}`,
    program: p,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Debug a Pintos user program', placeHolder: 'Pick an x86-64 ELF program of the workspace', matchOnDescription: true });
  return picked?.program;
}

/** A launch configuration for `p` with the defaults. */
export function configurationFor(p: FoundProgram): vscode.DebugConfiguration {
  const name = path.posix.basename(p.relative);
  return { type: 'pintos', request: 'launch', name: `Pintos: ${name}`, program: `\${workspaceFolder}/${p.relative}`, args: [], stopOnEntry: false };
}
