import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, extensionApi, fixtureUri, lensTitles, openFixture, until } from './helpers';

describe('large, minified and binary files', () => {
  afterEach(closeAll);

  it('pauses counting in a 10 MB file and offers to count anyway', async () => {
    await extensionApi();
    const editor = await openFixture('stress/huge.ts');
    assert.ok(editor.document.getText().length > 10_000_000);
    const titles = await lensTitles(editor.document.uri);
    assert.deepEqual(titles, ['tokenwise: large file (10.5 MB) — counting paused (click to count anyway)']);
  });

  it('pauses counting in a minified one-line file until asked, then counts', async function () {
    this.timeout(90_000);
    const editor = await openFixture('stress/bundle.min.js');
    const uri = editor.document.uri;
    assert.deepEqual(await lensTitles(uri), [
      'tokenwise: minified file (very long lines) — counting paused (click to count anyway)',
    ]);
    await vscode.commands.executeCommand('tokenwise.countAnyway', uri);
    const counted = await until(
      'lenses after counting anyway',
      async () => {
        const titles = await lensTitles(uri);
        return titles.some((t) => t.includes(' tok · ')) && titles;
      },
      80_000,
    );
    assert.ok(counted.length > 10);
  });

  it('says "minified" when a large file is paused because it is minified', async () => {
    const editor = await openFixture('stress/large.min.js');
    assert.ok(editor.document.getText().length > 2_000_000);
    assert.deepEqual(await lensTitles(editor.document.uri), [
      'tokenwise: minified file (very long lines) — counting paused (click to count anyway)',
    ]);
  });

  it('never shows a stale "counting paused" lens while a file counted anyway is typed in', async function () {
    this.timeout(120_000);
    const editor = await openFixture('stress/typing.min.js');
    const uri = editor.document.uri;
    assert.match((await lensTitles(uri))[0] ?? '', /counting paused/);
    assert.equal(await vscode.commands.executeCommand('tokenwise.countAnyway', uri), true);
    // Type at once, before the first count is back: the editor asks for lenses again and keeps showing the old ones
    // until they come, so they must come at once ("counting…") rather than after the count.
    for (let i = 0; i < 3; i++) await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), ' '));
    const seen: string[] = [];
    const counted = await until(
      'lenses after counting anyway while typing',
      async () => {
        const titles = await lensTitles(uri);
        seen.push(...titles.slice(0, 1));
        return titles.some((t) => t.includes(' tok · ')) && titles;
      },
      100_000,
    );
    assert.ok(counted.length > 10);
    assert.ok(!seen.some((t) => t.includes('counting paused')), 'a paused lens came back after "count anyway"');
    assert.ok(
      seen.every((t) => t === 'tokenwise: counting this large file…' || t.includes(' tok · ')),
      JSON.stringify([...new Set(seen)]),
    );
  });

  it('shows a paused file of 320k lines in the status bar, where a click counts it anyway', async function () {
    this.timeout(60_000);
    const api = await extensionApi();
    const editor = await openFixture('stress/many-lines.ts');
    assert.ok(editor.document.lineCount > 300_000);
    const text = await until(
      'the paused state in the status bar',
      () => api.statusText()?.includes('counting paused') && api.statusText(),
      30_000,
    );
    assert.match(text, /^\$\(debug-pause\) tokenwise: counting paused, large file \([\d.]+ MB\)$/);
    assert.equal(api.statusCommand(), 'tokenwise.countAnyway');
  });

  it('explains, instead of doing nothing, when "count anyway" runs with no text editor active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await vscode.commands.executeCommand('tokenwise.countAnyway'), false);
  });

  it('survives pathological text: lone surrogates and emoji in a prompt, nesting beyond the parser, an open template', async () => {
    const api = await extensionApi();
    const odd = await openFixture('stress/odd.ts');
    const oddTitles = await until(
      'a lens on the odd prompt',
      async () => {
        const titles = await lensTitles(odd.document.uri);
        return titles.length > 0 && titles;
      },
      20_000,
    );
    assert.match(oddTitles[0]!, /^[\d,]+ tok · \$[\d.,]+\/call · .* · gpt-4o$/);

    const nested = await openFixture('stress/nested.ts');
    const analysis = await api.analysisOf(nested.document);
    assert.ok(analysis.state === 'ready' || analysis.state === 'skipped', analysis.state);
    assert.ok(Array.isArray(await lensTitles(nested.document.uri)));

    const support = await openFixture('src/support.ts');
    assert.ok(
      (await lensTitles(support.document.uri)).some((t) => t.includes(' tok · ')),
      'the extension still works afterwards',
    );
  });

  it('leaves binary files alone', async () => {
    const api = await extensionApi();
    let document: vscode.TextDocument | undefined;
    try {
      document = await vscode.workspace.openTextDocument(fixtureUri('stress/blob.ts'));
    } catch {
      return; // the editor refuses to open binary files as text: nothing to analyse
    }
    assert.equal((await api.analysisOf(document)).state, 'skipped');
    assert.deepEqual(await lensTitles(document.uri), []);
  });
});
