// The panel hosts: one panel per kind, a strict CSP with a nonce, checked messages from the
// webview, render timings recorded.
import * as assert from 'node:assert/strict';
import { parts, until } from './extension';

describe('webview panels', () => {
  afterEach(async () => {
    const { panels } = await parts();
    for (const kind of ['frameMap', 'pageTable', 'swapMap', 'timeline'] as const) panels.get(kind)?.panel.dispose();
  });

  it('opens one panel per kind with a strict Content Security Policy', async () => {
    const { panels } = await parts();
    const a = panels.show('frameMap');
    const b = panels.show('frameMap');
    assert.equal(a, b);
    const html = a.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; /);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a nonce of 128 bits');
    assert.ok(html.includes(`<script nonce="${nonce}" src=`), 'the script carries the nonce');
    assert.ok(!/<script(?![^>]*nonce)/.test(html), 'no script without the nonce');
    assert.ok(!html.includes("'unsafe-inline'"));
    assert.deepEqual(
      a.panel.webview.options.localResourceRoots?.map((u) => u.path.split('/').slice(-1)[0]),
      ['media'],
    );
  });

  it('ignores malformed messages and records render timings', async () => {
    const { panels } = await parts();
    const p = panels.show('frameMap');
    p.receive({ type: 'no-such-message' });
    p.receive({ type: 'walk', va: -5 });
    p.receive(null);
    p.receive({ type: 'rendered', phase: 'first', ms: 12.5, items: 2495 });
    await until('the timing', () => p.timings.some((t) => t.ms === 12.5));
    assert.deepEqual(p.timings.at(-1), { phase: 'first', ms: 12.5, items: 2495 });
  });

  it('the webview loads under the CSP and asks for data (ready → empty without a session)', async () => {
    const { panels, watch } = await parts();
    if (watch.activeSession !== undefined) return;
    const p = panels.show('timeline');
    const posted: unknown[] = [];
    const original = p.panel.webview.postMessage.bind(p.panel.webview);
    p.panel.webview.postMessage = (m: unknown) => {
      posted.push(m);
      return original(m);
    };
    await p.handle({ type: 'ready' });
    assert.deepEqual(posted.at(-1), { type: 'empty', reason: 'No Pintos debug session. Start one (Run and Debug, or "Pintos: Debug User Program…") to fill this panel.' });
  });

  it('forgets a closed panel', async () => {
    const { panels } = await parts();
    const p = panels.show('swapMap');
    p.panel.dispose();
    await until('the panel to close', () => panels.get('swapMap') === undefined);
  });
});
