import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Engine } from '../../../extension/engine';
import { closeAll, extensionApi, lensesOf, openFixture, until, watchHostNetwork } from './helpers';

// The harness starts the extension host with TOKENWISE_WATCH_NETWORK set, so every analysis worker refuses and
// reports any network request made in its thread; the host's own requests are watched here.
describe('privacy', () => {
  afterEach(closeAll);

  it('sends nothing over the network, from the host or the analysis worker, while lenses, hovers, status and the audit run', async () => {
    const api = await extensionApi();
    const host = watchHostNetwork({ passOn: false });
    try {
      const editor = await openFixture('src/support.ts');
      await lensesOf(editor.document.uri);
      await vscode.commands.executeCommand(
        'vscode.executeHoverProvider',
        editor.document.uri,
        new vscode.Position(21, 12),
      );
      editor.selection = new vscode.Selection(10, 0, 10, 40);
      await until('the selection counted in the status bar', () => api.statusText()?.includes(' tok'));
      await vscode.commands.executeCommand('tokenwise.auditWorkspace');
      await api.settled();
    } finally {
      host.stop();
    }
    assert.deepEqual(host.requests, []);
    const engine = api.engine();
    assert.equal(engine.kind, 'node worker', 'prompt text went to a worker thread');
    assert.equal(engine.network.watched, true, 'the worker watched its network');
    assert.deepEqual(engine.network.attempts, []);
  });

  it("the analysis worker's watch reports each request made in its thread", async () => {
    // A worker script that loads the real worker bundle (which starts serving and watching) and then reaches out.
    const dir = mkdtempSync(join(tmpdir(), 'tokenwise-network-'));
    const script = join(dir, 'reachingWorker.js');
    const bundle = join(vscode.extensions.getExtension('tokenwise.tokenwise')!.extensionPath, 'dist/engineWorker.js');
    writeFileSync(
      script,
      `require(${JSON.stringify(bundle)});
      const attempt = (reach) => { try { reach(); } catch {} };
      attempt(() => require('node:https').request('https://api.example.com/v1/log').end());
      attempt(() => require('node:http').get({ hostname: 'example.com', port: 80, path: '/collect' }));
      attempt(() => require('node:net').connect(9, '127.0.0.1'));
      fetch('https://example.com/telemetry').catch(() => {});`,
    );
    const engine = new Engine(vscode.Uri.file(script));
    try {
      const [count] = await engine.count(['Classify the ticket.'], 'gpt-4o');
      assert.ok(count!.tokens > 0, 'the worker still answers');
      assert.equal(engine.kind, 'node worker');
      assert.equal(engine.network.watched, true);
      await until('four attempts reported', () => engine.network.attempts.length >= 4);
      assert.deepEqual(engine.network.attempts, [
        'https.request https://api.example.com/v1/log',
        'http.get example.com:80/collect',
        'net.Socket.connect 127.0.0.1:9',
        'fetch https://example.com/telemetry',
      ]);
    } finally {
      engine.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
