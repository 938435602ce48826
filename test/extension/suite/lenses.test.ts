import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { defaultPolicy } from '../../../core';
import { promptPrices } from '../../../extension/comparison';
import { priceQuestion } from '../../../extension/hovers';
import {
  closeAll,
  extensionApi,
  fixtureUri,
  lensTitles,
  lensesOf,
  openFixture,
  pickInQuickPick,
  setSetting,
  until,
} from './helpers';

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

const costTitle =
  /^(≈ )?[\d,]+ tok · (≈ )?\$[\d.,]+\/call · (≈ )?\$[\d.,]+\/mo @ [\d.]+k?\/day · ([\w.-]+|assumed [\w.-]+ \(model unknown\))$/;

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
      assert.match(
        lens.command!.title,
        /^\d[\d,]* tok · .* @ 1k\/day · gpt-4o$/,
        'an exact count (public tokenizer) carries no ≈',
      );
      assert.equal(lens.command!.command, 'tokenwise.compareModels');
    }
  });

  it('marks an estimated count with ≈ (a model whose tokenizer is not public)', async () => {
    const editor = await openFixture('src/claude.ts');
    const titles = await lensTitles(editor.document.uri);
    assert.match(titles[0]!, /^≈ [\d,]+ tok · \$[\d.,]+\/call · .* · claude-sonnet-4-5$/);
  });

  it('offers a cheaper tier whose lens switches the model string, undoably', async () => {
    const editor = await openFixture('src/support.ts');
    const { document } = editor;
    const saving = (await lensesOf(document.uri)).find((lens) =>
      / would save \d+ % \(\$[\d.,]+\/mo\)$/.test(lens.command?.title ?? ''),
    );
    assert.ok(saving?.command, 'a saving lens is shown for the classification prompt');
    assert.equal(saving.range.start.line, 6);
    assert.equal(saving.command.command, 'tokenwise.switchModel');
    const target = String(saving.command.arguments?.[2]);
    assert.match(saving.command.title, new RegExp(`^${target.replace(/[.]/g, '\\.')} would save`));
    assert.equal(document.lineAt(7).text, "    model: 'gpt-4o',");

    const applied = await vscode.commands.executeCommand<boolean>(
      saving.command.command,
      ...(saving.command.arguments ?? []),
    );
    assert.equal(applied, true);
    assert.equal(document.lineAt(7).text, `    model: '${target}',`);
    const after = await until('the lens to follow the edit', async () => {
      const titles = await lensTitles(document.uri);
      return titles.some((t) => t.endsWith(`· ${target}`)) && titles;
    });
    assert.ok(
      after.some((t) => t.endsWith('· gpt-4o')),
      'the other call keeps its model',
    );

    await vscode.commands.executeCommand('undo');
    assert.equal(document.lineAt(7).text, "    model: 'gpt-4o',");
  });

  it('opens a model comparison from the cost lens; picking a model switches the call', async () => {
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    const { document } = editor;
    const lens = (await lensesOf(document.uri)).find(
      (l) => l.range.start.line === 6 && l.command?.command === 'tokenwise.compareModels',
    );
    assert.ok(lens?.command?.arguments);
    const analysis = await api.analysisOf(document);
    assert.equal(analysis.state, 'ready');
    const report =
      analysis.state === 'ready'
        ? analysis.audit.prompts.find((r) => r.prompt.id === lens.command!.arguments![1])
        : undefined;
    assert.ok(report);
    const { rows } = promptPrices(priceQuestion(report, defaultPolicy));
    const index = rows.findIndex((row) => !row.current);
    assert.ok(rows.length >= 3 && index >= 0, JSON.stringify(rows.map((r) => r.model)));

    const switched = await pickInQuickPick<boolean>(lens.command.command, index, ...lens.command.arguments);
    assert.equal(switched, true);
    assert.equal(document.lineAt(7).text, `    model: '${rows[index]!.model}',`);
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

  it("switches a prompt file's model in its front matter, undoably", async () => {
    const editor = await openFixture('prompts/summary.prompt');
    const { document } = editor;
    assert.equal(document.lineAt(1).text, 'model: gpt-4o');
    const saving = (await lensesOf(document.uri)).find((lens) => / would save \d+ % /.test(lens.command?.title ?? ''));
    assert.ok(saving?.command, 'a saving lens on the prompt file');
    assert.equal(saving.command.command, 'tokenwise.switchModel');
    const target = String(saving.command.arguments?.[2]);
    assert.equal(
      await vscode.commands.executeCommand<boolean>(saving.command.command, ...(saving.command.arguments ?? [])),
      true,
    );
    assert.equal(document.lineAt(1).text, `model: ${target}`);
    await until('the lens to follow the edit', async () =>
      (await lensTitles(document.uri)).some((t) => t.endsWith(`· ${target}`)),
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(document.lineAt(1).text, 'model: gpt-4o');
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

  it('follows settings live: default model, output tokens, policy file path', async () => {
    const agent = fixtureUri('src/agent.ts');
    const prompt = (await openFixture('prompts/summary.prompt')).document.uri;
    const teamPolicy = fixtureUri('config/team.yaml');
    try {
      await setSetting('defaultModel', 'gpt-4.1-mini');
      await until('the default model in lenses', async () =>
        (await lensTitles(agent)).some((t) => t.endsWith('· assumed gpt-4.1-mini (model unknown)')),
      );
      assert.ok(
        (await lensTitles(fixtureUri('src/support.ts')))
          .filter((t) => t.includes(' tok · '))
          .every((t) => t.endsWith('· gpt-4o')),
      );

      await setSetting('outputTokens', 777);
      await until('777 output tokens in the hover', async () =>
        /, 777 tok out/.test(await hoverText(prompt, new vscode.Position(3, 5))),
      );

      await vscode.workspace.fs.writeFile(teamPolicy, new TextEncoder().encode('defaultCallsPerDay: 4000\n'));
      await setSetting('policyFile', 'config/team.yaml');
      await until('lenses at 4k/day from config/team.yaml', async () =>
        (await lensTitles(prompt)).some((t) => t.includes('@ 4k/day')),
      );
      await vscode.workspace.fs.writeFile(teamPolicy, new TextEncoder().encode('defaultCallsPerDay: 6000\n'));
      await until('lenses at 6k/day after editing it', async () =>
        (await lensTitles(prompt)).some((t) => t.includes('@ 6k/day')),
      );
    } finally {
      await setSetting('defaultModel', undefined);
      await setSetting('outputTokens', undefined);
      await setSetting('policyFile', undefined);
      await vscode.workspace.fs.delete(fixtureUri('config'), { recursive: true });
    }
    await until('the defaults again', async () =>
      (await lensTitles(agent)).some(
        (t) => t.endsWith('· assumed gpt-4o-mini (model unknown)') && t.includes('@ 1k/day'),
      ),
    );
  });

  it('validates the policy file against its JSON Schema in the editor, and reports it on its line', async () => {
    const extension = vscode.extensions.getExtension('tokenwise.tokenwise')!;
    const contributes = extension.packageJSON.contributes;
    const schemaUrl = './schema/tokenwise.config.schema.json';
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: ['tokenwise.config.json'], url: schemaUrl }]);
    assert.deepEqual(contributes.yamlValidation, [
      { fileMatch: ['tokenwise.config.yaml', 'tokenwise.config.yml'], url: schemaUrl },
    ]);
    const schema = JSON.parse(
      new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, schemaUrl)),
      ),
    );
    assert.ok(schema.properties?.defaultCallsPerDay, 'the schema describes the policy');

    const policy = fixtureUri('tokenwise.config.json');
    await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode('{\n  "defaultCallsPerDay": "lots"\n}\n'));
    try {
      await openFixture('tokenwise.config.json');
      const diagnostics = await until(
        'schema and policy diagnostics',
        () => {
          const found = vscode.languages.getDiagnostics(policy);
          return found.some((d) => d.source === 'tokenwise') && found.some((d) => d.source !== 'tokenwise') && found;
        },
        30_000,
      );
      const ours = diagnostics.find((d) => d.source === 'tokenwise')!;
      assert.equal(ours.range.start.line, 1);
      assert.match(ours.message, /defaultCallsPerDay/);
      const schemaCheck = diagnostics.find((d) => d.source !== 'tokenwise')!;
      assert.equal(schemaCheck.range.start.line, 1, `${schemaCheck.source}: ${schemaCheck.message}`);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(policy);
    }
  });

  it('applies policy file edits live', async () => {
    const editor = await openFixture('src/support.ts');
    const uri = editor.document.uri;
    const policy = fixtureUri('tokenwise.config.json');
    try {
      await vscode.workspace.fs.writeFile(
        policy,
        new TextEncoder().encode(JSON.stringify({ defaultCallsPerDay: 2000 })),
      );
      await until('lenses at 2k/day from the policy file', async () =>
        (await lensTitles(uri)).some((t) => t.includes('@ 2k/day')),
      );
      await vscode.workspace.fs.writeFile(
        policy,
        new TextEncoder().encode(JSON.stringify({ defaultCallsPerDay: 250 })),
      );
      await until('lenses at 250/day after the edit', async () =>
        (await lensTitles(uri)).some((t) => t.includes('@ 250/day')),
      );
    } finally {
      await vscode.workspace.fs.delete(policy);
    }
    await until('lenses at 1k/day without a policy file', async () =>
      (await lensTitles(uri)).some((t) => t.includes('@ 1k/day')),
    );
  });
});
