// Commands on pages (context menu of the Supplemental Page Table view and "reveal" from the
// other views and panels): memory view, page-table walk, watch, the event that loaded it.
import * as vscode from 'vscode';
import { hex, loadEventOf } from './format';
import { DUMP_LANGUAGE, memoryUri } from './memory-document';
import type { PanelManager } from './panels/panel-manager';
import type { EventsView } from './views/events-view';
import type { SptNode, SptView } from './views/spt-view';
import type { VmWatch } from './vm-watch';

/** What the page commands act on. */
export interface PageActionContext {
  watch: VmWatch;
  spt: SptView;
  events: EventsView;
  panels: PanelManager;
}

const HEX_EDITOR = 'ms-vscode.hexeditor';

/** The page of a node given by a context menu, or of the SPT view's selection. */
function pageOf(ctx: PageActionContext, node: SptNode | undefined): { pid: number; va: number; node: Extract<SptNode, { page: unknown }> } | undefined {
  const n = node ?? ctx.spt.view.selection[0];
  return n !== undefined && 'page' in n ? { pid: n.pid, va: n.page.va, node: n } : undefined;
}

/** Registers the page commands. */
export function registerPageActions(ctx: PageActionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('pintos.revealPage', async (pid?: unknown, va?: unknown) => {
      if (typeof pid !== 'number' || typeof va !== 'number') return;
      if (!(await ctx.spt.revealPage(pid, va))) void vscode.window.showInformationMessage(`Page ${hex(va)} is not in the supplemental page table of pid ${pid} (any more).`);
    }),
    vscode.commands.registerCommand('pintos.page.showWalk', (node?: SptNode) => {
      const p = pageOf(ctx, node);
      ctx.panels.show('pageTable', p !== undefined ? { pid: p.pid, focusVa: p.va } : {});
    }),
    vscode.commands.registerCommand('pintos.page.showMemory', async (node?: SptNode) => {
      const p = pageOf(ctx, node);
      const session = ctx.watch.activeSession;
      if (p === undefined || session === undefined) return;
      if (vscode.extensions.getExtension(HEX_EDITOR) !== undefined) {
        const uri = vscode.Uri.from({ scheme: 'vscode-debug-memory', authority: session.id, path: `/${encodeURIComponent(hex(p.va))}/page-${hex(p.va)}.bin`, query: 'range=0:4096' });
        await vscode.commands.executeCommand('vscode.openWith', uri, 'hexEditor.hexedit');
        return;
      }
      const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(memoryUri(p.pid, p.va)), DUMP_LANGUAGE);
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand('pintos.page.watch', (node?: SptNode) => watchPage(ctx, node, false)),
    vscode.commands.registerCommand('pintos.page.watchFrame', (node?: SptNode) => watchPage(ctx, node, true)),
    vscode.commands.registerCommand('pintos.page.revealLoadEvent', async (node?: SptNode) => {
      const p = pageOf(ctx, node);
      const seq = p !== undefined ? loadEventOf(p.node.page) : undefined;
      if (seq === undefined) return;
      if (!(await ctx.events.revealEvent(seq))) void vscode.window.showInformationMessage(`Event #${seq} is no longer in the kernel's recent history.`);
    }),
  ];
}

/**
 * Asks the adapter to watch the page (virtual) or its frame (physical) for writes. The adapter
 * installs the data breakpoint itself (VS Code's API cannot add one) and stops with reason
 * "data breakpoint" when it is hit.
 */
async function watchPage(ctx: PageActionContext, node: SptNode | undefined, physical: boolean): Promise<void> {
  const p = pageOf(ctx, node);
  if (p === undefined) return;
  const body = await ctx.watch.request('pintos/watchPage', { pid: p.pid, va: p.va, physical });
  if (body === undefined) {
    void vscode.window.showErrorMessage(`Could not watch page ${hex(p.va)} of pid ${p.pid}: the debugger refused (see the "Pintos VM" output).`);
    return;
  }
  void vscode.window.showInformationMessage(
    body.watching
      ? `Watching ${body.description}: the program stops on the next write (run the command again to stop watching).`
      : `Stopped watching ${body.description}.`,
  );
}
