import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, openFixture, until } from './helpers';

describe('status bar', () => {
  afterEach(closeAll);

  it('shows the tokens and cost of the selection, then of the prompt under the cursor', async () => {
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    editor.selection = new vscode.Selection(10, 0, 10, editor.document.lineAt(10).text.length);
    const selected = await until('the selection count', () => api.statusText()?.includes('tok ·') && api.statusText());
    assert.match(selected, /^\$\(symbol-number\) [\d,]+ tok · \$[\d.]+ · gpt-4o$/);

    editor.selection = new vscode.Selection(21, 10, 21, 10);
    const prompt = await until('the prompt count', () => api.statusText()?.includes('/call') && api.statusText());
    assert.match(prompt, /^\$\(symbol-number\) [\d,]+ tok · \$[\d.]+\/call · gpt-4o$/);

    editor.selection = new vscode.Selection(3, 0, 3, 0);
    await until('the item to hide outside prompts', () => api.statusText() === undefined);
  });
});
