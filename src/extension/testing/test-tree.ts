// Turns a build folder's test list into Test Explorer items: build folder → tests/vm → cow →
// cow-simple, each test at test_main in its C source. Items that already exist (same id and
// file) are updated in place, so results and expanded groups survive a refresh.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestInfo, TestList } from './check-protocol';
import { groupItemId, groupLevels, testItemId } from './test-groups';
import { testMainLineOf } from './test-source-line';

/** A test item with what the runner said about it. */
export interface TestEntry {
  item: vscode.TestItem;
  info: TestInfo;
  buildDir: string;
}

/** Returns `parent`'s child `id` when it has the same file, else a new item. */
function childItem(controller: vscode.TestController, parent: vscode.TestItem, id: string, label: string, uri: vscode.Uri | undefined): vscode.TestItem {
  const existing = parent.children.get(id);
  if (existing !== undefined && existing.uri?.toString() === uri?.toString()) {
    existing.label = label;
    return existing;
  }
  return controller.createTestItem(id, label, uri);
}

/**
 * What the tree shows beside a test's name: why it cannot run or what is not built yet; nothing
 * otherwise, since VS Code then names the row by its description instead of its label.
 */
function testDescription(info: TestInfo, buildDir: string): string | undefined {
  if (!info.runnable) return `not runnable: ${info.reason ?? 'no reason given'}`;
  if (info.missingFiles.length > 0) return `not built yet (run make): ${info.missingFiles.map((f) => path.relative(buildDir, f)).join(', ')}`;
  return undefined;
}

/** Makes the item of one test (at test_main of its source when known). */
async function testItem(controller: vscode.TestController, parent: vscode.TestItem, buildDir: string, info: TestInfo, order: number): Promise<vscode.TestItem> {
  const uri = info.source !== null ? vscode.Uri.file(info.source) : undefined;
  const item = childItem(controller, parent, testItemId(buildDir, info.id), info.name, uri);
  item.description = testDescription(info, buildDir);
  item.sortText = String(order).padStart(5, '0');
  item.error = undefined;
  if (info.source !== null) {
    const line = await testMainLineOf(info.source);
    item.range = new vscode.Range(line, 0, line, 0);
  }
  return item;
}

/**
 * Fills `buildItem` (the item of build folder `list.buildDir`) with the groups and tests of
 * `list`; returns one entry per test. Reads the C sources to place the items; never throws.
 */
export async function fillBuildDirItem(controller: vscode.TestController, buildItem: vscode.TestItem, list: TestList): Promise<TestEntry[]> {
  const buildDir = buildItem.id;
  const children = new Map<vscode.TestItem, vscode.TestItem[]>([[buildItem, []]]);
  const entries: TestEntry[] = [];
  const items = await Promise.all(
    list.tests.map(async (info, order) => {
      let parent = buildItem;
      for (const level of groupLevels(info.group)) {
        const id = groupItemId(buildDir, level.path);
        let group = children.get(parent)?.find((c) => c.id === id);
        if (group === undefined) {
          group = childItem(controller, parent, id, level.label, vscode.Uri.file(path.join(list.srcDir, level.path)));
          group.error = undefined;
          children.get(parent)?.push(group);
          children.set(group, []);
        }
        parent = group;
      }
      return { parent, info, item: await testItem(controller, parent, buildDir, info, order) };
    }),
  );
  for (const { parent, info, item } of items) {
    children.get(parent)?.push(item);
    entries.push({ item, info, buildDir });
  }
  for (const [parent, kids] of children) parent.children.replace(kids);
  return entries;
}
