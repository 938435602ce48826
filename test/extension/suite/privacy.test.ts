import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, lensesOf, openFixture } from './helpers';

// The real module objects (an import would give a bundled copy), so replacing `request` reaches every caller.
const http = require('node:http') as typeof import('node:http');
const https = require('node:https') as typeof import('node:https');

describe('privacy', () => {
  afterEach(closeAll);

  it('sends nothing over the network while lenses, hovers, status and the audit run', async () => {
    const api = await extensionApi();
    const requests: string[] = [];
    const originals = { http: http.request, https: https.request, fetch: globalThis.fetch };
    const record = (kind: string) => (...args: unknown[]) => {
      requests.push(`${kind} ${String(args[0])}`);
      throw new Error('network disabled by the privacy test');
    };
    Object.assign(http, { request: record('http') });
    Object.assign(https, { request: record('https') });
    globalThis.fetch = record('fetch') as typeof fetch;
    try {
      const editor = await openFixture('src/support.ts');
      await lensesOf(editor.document.uri);
      await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(21, 12));
      editor.selection = new vscode.Selection(10, 0, 10, 40);
      await vscode.commands.executeCommand('tokenwise.auditWorkspace');
      await api.settled();
    } finally {
      Object.assign(http, { request: originals.http });
      Object.assign(https, { request: originals.https });
      globalThis.fetch = originals.fetch;
    }
    assert.deepEqual(requests, []);
  });
});
