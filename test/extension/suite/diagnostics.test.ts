import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { suppressionComment } from '../../../extension/codeActions';
import { closeAll, extensionApi, openFixture, until } from './helpers';

async function tokenwiseDiagnostics(uri: vscode.Uri, ruleId: string) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tokenwise' && d.code === ruleId);
}

/** Quick fixes at a range; a request the workbench cancels (diagnostics were refreshed meanwhile) is asked again. */
async function actionsAt(uri: vscode.Uri, range: vscode.Range) {
  return until('code actions', async () => {
    try {
      return (
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? []
      );
    } catch (error) {
      if (/Canceled/.test(String(error))) return undefined;
      throw error;
    }
  });
}

describe('diagnostics and quick fixes', () => {
  before(extensionApi);
  afterEach(closeAll);

  it('reports an uncapped call with a fix that adds the cap', async () => {
    const editor = await openFixture('src/findings.ts');
    const uri = editor.document.uri;
    const [diagnostic] = await until('the no-output-cap finding', async () => {
      const found = await tokenwiseDiagnostics(uri, 'no-output-cap');
      return found.length > 0 && found;
    });
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diagnostic!.range.start.line, 6);
    // A finding about the whole call is underlined on the call's first line, not on all seven.
    assert.ok(diagnostic!.range.end.isBeforeOrEqual(new vscode.Position(7, 0)), JSON.stringify(diagnostic!.range));
    assert.match(diagnostic!.message, /no output cap/);

    const actions = await actionsAt(uri, diagnostic!.range);
    const fix = actions.find((a) => /^Add max_completion_tokens: \d+$/.test(a.title));
    assert.ok(fix?.edit, `a quick fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(actions.some((a) => a.title === 'Suppress no-output-cap here'));
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(editor.document.getText(), /create\(\{\s*max_completion_tokens: \d+,/);
    await until('the finding to go away', async () => (await tokenwiseDiagnostics(uri, 'no-output-cap')).length === 0);
  });

  it('underlines the model value for a model finding, and offers its switch first with the cursor there', async () => {
    const editor = await openFixture('src/classify.ts');
    const uri = editor.document.uri;
    const [model] = await until(
      'the frontier-for-simple-task finding',
      async () => {
        const found = await tokenwiseDiagnostics(uri, 'frontier-for-simple-task');
        return found.length > 0 && found;
      },
      20_000,
    );
    assert.equal(editor.document.getText(model!.range), 'gpt-4o');
    assert.equal((await tokenwiseDiagnostics(uri, 'no-output-cap')).length, 1);
    const cursor = model!.range.start.translate(0, 3);
    const actions = await actionsAt(uri, new vscode.Range(cursor, cursor));
    assert.match(actions[0]!.title, /^Switch to /, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(actions[0]!.isPreferred, true);
    assert.ok(actions.filter((a) => a.isPreferred).length === 1, 'one preferred fix');
  });

  it('suppresses a rule with an inline comment above the call', async () => {
    const editor = await openFixture('src/findings.ts');
    const uri = editor.document.uri;
    const [diagnostic] = await until('the no-output-cap finding', async () => {
      const found = await tokenwiseDiagnostics(uri, 'no-output-cap');
      return found.length > 0 && found;
    });
    const suppress = (await actionsAt(uri, diagnostic!.range)).find((a) => a.title === 'Suppress no-output-cap here');
    assert.ok(suppress?.edit);
    assert.equal(await vscode.workspace.applyEdit(suppress.edit), true);
    assert.equal(editor.document.lineAt(6).text, '  // tokenwise-disable-next-line no-output-cap');
    await until(
      'the suppressed finding to go away',
      async () => (await tokenwiseDiagnostics(uri, 'no-output-cap')).length === 0,
    );
  });

  it("writes the suppression in the template engine's own comment syntax", () => {
    const comment = (path: string, languageId = 'plaintext') =>
      suppressionComment({ uri: vscode.Uri.file(path), languageId }, 'rule-x');
    assert.equal(comment('/w/a.ts', 'typescript'), '// tokenwise-disable-next-line rule-x');
    assert.equal(comment('/w/a.prompty'), '{# tokenwise-disable-next-line rule-x #}');
    assert.equal(comment('/w/a.j2'), '{# tokenwise-disable-next-line rule-x #}');
    assert.equal(comment('/w/a.prompt'), '{{! tokenwise-disable-next-line rule-x }}');
    assert.equal(comment('/w/a.hbs', 'handlebars'), '{{! tokenwise-disable-next-line rule-x }}');
    assert.equal(comment('/w/a.liquid'), '{% comment %}tokenwise-disable-next-line rule-x{% endcomment %}');
    assert.equal(comment('/w/prompts/a.md', 'markdown'), '<!-- tokenwise-disable-next-line rule-x -->');
  });
});
