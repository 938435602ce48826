import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, fixtureUri, lensTitles, lensesOf, openFixture, setSetting, until } from './helpers';

const costTitle = /^(≈ )?[\d,]+ tok · \$[\d.,]+\/call · \$[\d.,]+\/mo @ [\d.]+k?\/day · [\w.-]+$/;

describe('cost lenses', () => {
  before(async () => {
    await extensionApi();
  });
  afterEach(closeAll);

  it('puts a cost lens on the first line of every call in a TypeScript file', async () => {
    const editor = await openFixture('src/support.ts');
    const lenses = await lensesOf(editor.document.uri);
    const cost = lenses.filter((lens) => costTitle.test(lens.command?.title ?? ''));
    assert.deepEqual(
      cost.map((lens) => lens.range.start.line),
      [6, 17],
      `lenses: ${JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title]))}`,
    );
    for (const lens of cost) {
      assert.match(lens.command!.title, / @ 1k\/day · gpt-4o$/);
      assert.equal(lens.command!.command, 'tokenwise.compareModels');
    }
  });

  it('offers a cheaper tier whose lens switches the model string, undoably', async () => {
    const editor = await openFixture('src/support.ts');
    const { document } = editor;
    const saving = (await lensesOf(document.uri)).find((lens) => / would save \d+ % \(\$[\d.,]+\/mo\)$/.test(lens.command?.title ?? ''));
    assert.ok(saving?.command, 'a saving lens is shown for the classification prompt');
    assert.equal(saving.range.start.line, 6);
    assert.equal(saving.command.command, 'tokenwise.switchModel');
    const target = String(saving.command.arguments?.[2]);
    assert.match(saving.command.title, new RegExp(`^${target.replace(/[.]/g, '\\.')} would save`));
    assert.equal(document.lineAt(7).text, "    model: 'gpt-4o',");

    const applied = await vscode.commands.executeCommand<boolean>(saving.command.command, ...(saving.command.arguments ?? []));
    assert.equal(applied, true);
    assert.equal(document.lineAt(7).text, `    model: '${target}',`);
    const after = await until('the lens to follow the edit', async () => {
      const titles = await lensTitles(document.uri);
      return titles.some((t) => t.endsWith(`· ${target}`)) && titles;
    });
    assert.ok(after.some((t) => t.endsWith('· gpt-4o')), 'the other call keeps its model');

    await vscode.commands.executeCommand('undo');
    assert.equal(document.lineAt(7).text, "    model: 'gpt-4o',");
  });

  it('puts a lens on a prompt file', async () => {
    const editor = await openFixture('prompts/summary.prompt');
    const lenses = await lensesOf(editor.document.uri);
    assert.ok(lenses.length >= 1, 'a lens on the prompt file');
    assert.match(lenses[0]!.command!.title, costTitle);
    assert.match(lenses[0]!.command!.title, /· gpt-4o$/);
  });

  it('follows settings live: calls per day, per-language switch, global switch', async () => {
    const editor = await openFixture('src/support.ts');
    const uri = editor.document.uri;
    try {
      await setSetting('callsPerDay', 5000);
      await until('lenses at 5k/day', async () => (await lensTitles(uri)).some((t) => t.includes('@ 5k/day')));
      await setSetting('lenses.languages', { typescript: false });
      await until('no lenses for TypeScript', async () => (await lensTitles(uri)).length === 0);
      await setSetting('lenses.languages', undefined);
      await until('lenses back', async () => (await lensTitles(uri)).length > 0);
      await setSetting('lenses.enabled', false);
      await until('no lenses at all', async () => (await lensTitles(uri)).length === 0);
    } finally {
      await setSetting('callsPerDay', undefined);
      await setSetting('lenses.languages', undefined);
      await setSetting('lenses.enabled', undefined);
    }
    await until('lenses at 1k/day again', async () => (await lensTitles(uri)).some((t) => t.includes('@ 1k/day')));
  });

  it('applies policy file edits live', async () => {
    const editor = await openFixture('src/support.ts');
    const uri = editor.document.uri;
    const policy = fixtureUri('tokenwise.config.json');
    try {
      await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode(JSON.stringify({ defaultCallsPerDay: 2000 })));
      await until('lenses at 2k/day from the policy file', async () => (await lensTitles(uri)).some((t) => t.includes('@ 2k/day')));
      await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode(JSON.stringify({ defaultCallsPerDay: 250 })));
      await until('lenses at 250/day after the edit', async () => (await lensTitles(uri)).some((t) => t.includes('@ 250/day')));
    } finally {
      await vscode.workspace.fs.delete(policy);
    }
    await until('lenses at 1k/day without a policy file', async () => (await lensTitles(uri)).some((t) => t.includes('@ 1k/day')));
  });
});
