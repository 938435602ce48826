import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

describe('cost lenses', () => {
  it('shows a lens in a TypeScript file', async () => {
    const extension = vscode.extensions.getExtension('tokenwise.tokenwise');
    assert.ok(extension, 'extension is loaded');
    await extension.activate();
    const workspace = process.env.TOKENWISE_E2E_WORKSPACE!;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(`${workspace}/src/support.ts`));
    await vscode.window.showTextDocument(document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.equal(lenses[0]?.command?.title, 'tokenwise');
  });
});
