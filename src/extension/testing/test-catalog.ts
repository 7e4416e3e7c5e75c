// The Test Explorer's knowledge of the workspace's tests: which Pintos build folders there are,
// what tests each defines (asked of the runner), and the items showing them. A refresh finds
// the build folders again and re-lists each; refreshes asked for while one runs are merged into
// one more pass, so the tree never goes back to an older state.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findBuildDirs } from './build-dirs';
import { listTests } from './test-listing';
import { fillBuildDirItem, type TestEntry } from './test-tree';

/** The label of a build folder's item: its path in the workspace folder (with the folder's name in a multi-root workspace). */
function buildDirLabel(folder: vscode.WorkspaceFolder, buildDir: string): string {
  const relative = path.relative(folder.uri.fsPath, buildDir).split(path.sep).join('/');
  const label = relative === '' ? path.basename(buildDir) : relative;
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}: ${label}` : label;
}

export class TestCatalog {
  /** tests by item id */
  private entries = new Map<string, TestEntry>();
  private running: Promise<void> | undefined;
  private again = false;
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every refresh. */
  readonly onDidRefresh = this.changed.event;

  constructor(
    private readonly controller: vscode.TestController,
    private readonly cliPath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Finds the build folders of every workspace folder and lists their tests; resolves when the
   * tree shows the workspace as it is now. Never rejects: a build folder that cannot be listed
   * shows the reason as the error of its item.
   */
  refresh(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.scan();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
      this.loaded = true;
      this.changed.fire();
    });
    return this.running;
  }

  /** Resolves once the tree has been filled at least once (starting that when nothing has). */
  whenLoaded(): Promise<void> {
    if (this.running !== undefined) return this.running;
    return this.loaded ? Promise.resolve() : this.refresh();
  }

  /** The test with item id `id`, if the tree holds one. */
  entry(id: string): TestEntry | undefined {
    return this.entries.get(id);
  }

  /** Every test of the tree, in tree order. */
  allEntries(): TestEntry[] {
    return [...this.entries.values()];
  }

  /**
   * The tests `include` names (all when undefined), groups standing for every test under them,
   * minus `exclude` and what is under it; each once, in tree order.
   */
  testsOf(include: readonly vscode.TestItem[] | undefined, exclude: readonly vscode.TestItem[] = []): TestEntry[] {
    const excluded = new Set(exclude.map((i) => i.id));
    const chosen = new Set<string>();
    const walk = (item: vscode.TestItem): void => {
      if (excluded.has(item.id)) return;
      if (this.entries.has(item.id)) chosen.add(item.id);
      item.children.forEach(walk);
    };
    if (include === undefined) this.controller.items.forEach(walk);
    else include.forEach(walk);
    return this.allEntries().filter((e) => chosen.has(e.item.id));
  }

  private async scan(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const found = await Promise.all(folders.map(async (folder) => (await findBuildDirs(folder.uri.fsPath)).map((dir) => ({ folder, dir }))));
    const seen = new Set<string>();
    const buildDirs = found.flat().filter(({ dir }) => !seen.has(dir) && seen.add(dir));
    const loaded = await Promise.all(buildDirs.map(({ folder, dir }) => this.loadBuildDir(folder, dir)));
    this.controller.items.replace(loaded.map((l) => l.item));
    this.entries = new Map(loaded.flatMap((l) => l.entries).map((e) => [e.item.id, e]));
  }

  /** Lists one build folder into its item (existing or new); errors become the item's error. */
  private async loadBuildDir(folder: vscode.WorkspaceFolder, dir: string): Promise<{ item: vscode.TestItem; entries: TestEntry[] }> {
    const item = this.controller.items.get(dir) ?? this.controller.createTestItem(dir, buildDirLabel(folder, dir), vscode.Uri.file(dir));
    item.busy = true;
    try {
      const list = await listTests(this.cliPath, dir);
      for (const warning of list.warnings) this.log.warn(`${dir}: ${warning}`);
      const entries = await fillBuildDirItem(this.controller, item, list);
      item.error = undefined;
      return { item, entries };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(message);
      item.error = message;
      item.children.replace([]);
      return { item, entries: [] };
    } finally {
      item.busy = false;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
