// The webview's side of the message channel: typed posting to the extension, typed handling of
// its messages, and the state VS Code keeps while the panel is hidden or reloaded.
import type { HostMessage, PanelKind, PanelState, WebviewMessage } from '../../src/shared/webview-messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Sends a message to the extension. */
export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

/** The state saved by this panel before it was hidden or reloaded (empty at first). */
export function loadState(): PanelState {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as PanelState) : {};
}

/** Merges `patch` into the saved state. */
export function saveState(patch: Partial<PanelState>): void {
  api.setState({ ...loadState(), ...patch });
}

/** Shows (or with undefined removes) the banner saying the panel shows an ended session's last state. */
function showEnded(session: string | undefined): void {
  let banner = document.querySelector<HTMLElement>('.ended-banner');
  if (session === undefined) {
    banner?.remove();
    return;
  }
  if (!banner) {
    banner = document.createElement('div');
    banner.className = 'ended-banner';
    banner.setAttribute('role', 'status');
    document.body.prepend(banner);
  }
  banner.textContent = `"${session}" ended: this is its last state.`;
}

/**
 * Calls `handler` with every message of the extension, then tells the extension it is ready.
 * Updates that carry `ended` also get the ended-session banner (any other message removes it).
 */
export function connect<K extends PanelKind>(handler: (message: HostMessage<K>) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as HostMessage<K>;
    if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
    if (m.type === 'update' || m.type === 'empty') showEnded(m.type === 'update' ? m.ended : undefined);
    handler(m);
  });
  post({ type: 'ready' });
}
