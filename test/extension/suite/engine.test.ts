import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Engine } from '../../../extension/engine';
import { closeAll, extensionApi, fixtureUri, lensTitles, openFixture } from './helpers';

describe('where audits run', () => {
  afterEach(closeAll);

  it('audits and counts in a Node worker thread, not on the extension host', async () => {
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    assert.ok((await lensTitles(editor.document.uri)).some((t) => t.includes(' tok · ')));
    assert.deepEqual(api.engine(), { kind: 'node worker', fallbackReason: undefined });
  });

  it('falls back to the host, with the same audit, when the worker cannot start', async () => {
    const document = (await openFixture('src/support.ts')).document;
    const fileName = vscode.workspace.asRelativePath(document.uri, false);
    const extensionUri = vscode.extensions.getExtension('tokenwise.tokenwise')!.extensionUri;
    const broken = new Engine(fixtureUri('no-such-folder/engineWorker.js'));
    const working = new Engine(vscode.Uri.joinPath(extensionUri, 'dist/engineWorker.js'));
    try {
      const inHost = await broken.audit(document.getText(), fileName, {});
      assert.equal(broken.kind, 'extension host');
      assert.match(broken.fallbackReason ?? '', /no-such-folder/);
      const inWorker = await working.audit(document.getText(), fileName, {});
      assert.equal(working.kind, 'node worker');
      assert.ok(inHost.audit.prompts.length >= 2);
      assert.deepEqual(inHost.audit, inWorker.audit);
      const text = 'Classify the support ticket as one of: billing, bug, feature, other.';
      assert.deepEqual(await broken.count([text], 'gpt-4o'), await working.count([text], 'gpt-4o'));
    } finally {
      broken.dispose();
      working.dispose();
    }
  });

  it('re-audits only the edited prompt, and its lenses equal a fresh audit of the whole file', async () => {
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    const document = editor.document;
    await api.reanalyze(document);
    const before = await lensTitles(document.uri);
    const line = document.lineAt(23);
    const at = line.text.indexOf('Be concise');
    assert.ok(at > 0, line.text);
    await editor.edit((edit) => edit.insert(new vscode.Position(23, at), 'Always greet the customer by name and thank them for their patience. '));
    const edited = await api.analysisOf(document);
    assert.equal(edited.state === 'ready' && edited.incremental, true, 'an incremental re-audit');
    const incremental = await lensTitles(document.uri);
    assert.notDeepEqual(incremental, before);
    await api.reanalyze(document);
    assert.deepEqual(await lensTitles(document.uri), incremental);
  });
});
