import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, fixtureUri, lensTitles, openFixture, pickInQuickPick, until } from './helpers';

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
    // This call names its own model, so a click compares models for it rather than picking the file's model.
    assert.equal(api.statusCommand(), 'tokenwise.compareModels');

    editor.selection = new vscode.Selection(3, 0, 3, 0);
    await until('the item to hide outside prompts', () => api.statusText() === undefined);
  });

  it("opens the model picker on click; the picked model costs the file's prompts that name none", async () => {
    const api = await extensionApi();
    const editor = await openFixture('src/agent.ts');
    const uri = editor.document.uri;
    editor.selection = new vscode.Selection(79, 10, 79, 10);
    await until('the prompt count', () => api.statusText()?.endsWith('· assumed gpt-4o-mini (model unknown)'));
    assert.equal(api.statusCommand(), 'tokenwise.pickModel');
    try {
      // The second item is the first model of the catalog; the first resets to the default.
      const picked = await pickInQuickPick<string>(api.statusCommand()!, 1);
      assert.ok(picked && picked !== 'gpt-4o-mini', String(picked));
      await until(`lenses for ${picked}`, async () =>
        (await lensTitles(uri)).some((t) => t.endsWith(`· assumed ${picked} (model unknown)`)),
      );
      await until('the status bar to follow', () => api.statusText()?.endsWith(`· assumed ${picked} (model unknown)`));
      const support = await lensTitles(fixtureUri('src/support.ts'));
      assert.ok(
        support.filter((t) => t.includes(' tok · ')).every((t) => t.endsWith('· gpt-4o')),
        'other files and calls naming a model keep theirs',
      );
    } finally {
      await pickInQuickPick('tokenwise.pickModel', 0);
    }
    await until('the default model again', async () =>
      (await lensTitles(uri)).some((t) => t.endsWith('· assumed gpt-4o-mini (model unknown)')),
    );
  });
});
