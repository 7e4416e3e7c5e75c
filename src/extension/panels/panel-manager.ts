// Opens the VM panels (one per kind, revealed again when already open) and restores them after
// a window reload through webview panel serializers, with the state the webview saved.
import * as vscode from 'vscode';
import { PANEL_KINDS, type PanelKind, type PanelState } from '../../shared/webview-messages';
import { PANEL_TITLES, VmPanel, type PanelContext } from './vm-panel';

/** The view type of a panel kind. */
export function viewType(kind: PanelKind): string {
  return `pintos.${kind}`;
}

/** Keeps the open panels. */
export class PanelManager implements vscode.Disposable {
  private readonly open = new Map<PanelKind, VmPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: PanelContext) {
    for (const kind of PANEL_KINDS) {
      this.disposables.push(
        vscode.window.registerWebviewPanelSerializer(viewType(kind), {
          deserializeWebviewPanel: async (panel, state: unknown) => {
            this.adopt(kind, panel, isPanelState(state) ? state : {});
          },
        }),
      );
    }
  }

  /**
   * Opens (or reveals) the panel of `kind` beside the editor, following `state` when given. The
   * focus stays in the editor group so a stop reveals its source there, not over the panel.
   */
  show(kind: PanelKind, state: PanelState = {}): VmPanel {
    const existing = this.open.get(kind);
    if (existing !== undefined) {
      existing.panel.reveal(undefined, true);
      if (Object.keys(state).length > 0) existing.follow(state);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(viewType(kind), PANEL_TITLES[kind], { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
    return this.adopt(kind, panel, state);
  }

  /** The open panel of `kind`, if any. */
  get(kind: PanelKind): VmPanel | undefined {
    return this.open.get(kind);
  }

  /** Closes every panel and unregisters the serializers. */
  dispose(): void {
    for (const p of this.open.values()) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private adopt(kind: PanelKind, panel: vscode.WebviewPanel, state: PanelState): VmPanel {
    const vmPanel = new VmPanel(panel, kind, this.ctx, state);
    this.open.set(kind, vmPanel);
    vmPanel.onDidClose(() => {
      if (this.open.get(kind) === vmPanel) this.open.delete(kind);
    });
    return vmPanel;
  }
}

/** Runtime check of a restored webview state. */
function isPanelState(s: unknown): s is PanelState {
  return typeof s === 'object' && s !== null;
}
