// The HTML shell of a webview panel: a strict Content Security Policy (nothing by default,
// scripts only with this page's random nonce, styles only from the extension's media folder),
// the panel's stylesheet and bundled script.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PanelKind } from '../../shared/webview-messages';

/** media/<folder> of each panel; its script is bundled to media/dist/<folder>.js. */
export const PANEL_FOLDERS: Record<PanelKind, string> = {
  pageTable: 'page-table',
  frameMap: 'frame-map',
  swapMap: 'swap-map',
  timeline: 'timeline',
};

/**
 * The stylesheet of each panel, under media/: its own style.css, or for a panel whose script
 * imports CSS (a charting library's styles beside its own) the stylesheet bundled beside the script.
 */
export const PANEL_STYLESHEETS: Record<PanelKind, string[]> = {
  pageTable: ['page-table', 'style.css'],
  frameMap: ['frame-map', 'style.css'],
  swapMap: ['swap-map', 'style.css'],
  timeline: ['dist', 'timeline.css'],
};

/** A fresh nonce: 128 random bits, base64. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy of a panel page for `cspSource` and `nonce`. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Returns the page for panel `kind` titled `title`, loading only files under media/. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, kind: PanelKind, title: string): string {
  const nonce = makeNonce();
  const media = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...p)).toString();
  const folder = PANEL_FOLDERS[kind];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('dist', 'codicon.css')}">
<link rel="stylesheet" href="${media('common', 'base.css')}">
<link rel="stylesheet" href="${media(...PANEL_STYLESHEETS[kind])}">
<title>${title}</title>
</head>
<body data-panel="${kind}">
<main id="app" aria-live="polite"><p class="empty">Waiting for the debugger…</p></main>
<script nonce="${nonce}" src="${media('dist', `${folder}.js`)}"></script>
</body>
</html>`;
}
