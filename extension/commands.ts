// The extension's commands. Each returns what it did, so the suite (and other extensions) can check the outcome.
import * as vscode from 'vscode';
import { apiKeySecrets, type Ctx } from './ctx';
import { priceQuestion } from './hovers';
import { usd } from './labels';
import { modelRangeOf, toRange } from './ranges';

export function registerCommands(ctx: Ctx): void {
  const command = (id: string, run: (...args: never[]) => unknown) => ctx.own(vscode.commands.registerCommand(id, run));

  command('tokenwise.switchModel', (uri: vscode.Uri, promptId: string, model: string) =>
    switchModel(ctx, uri, promptId, model),
  );
  command('tokenwise.compareModels', async (uri?: vscode.Uri, promptId?: string) => {
    const found = await reportAt(ctx, uri, promptId);
    if (!found) return undefined;
    const { rows } = await ctx.engine.prices(priceQuestion(found.report, await ctx.currentPolicy()));
    const picked = await vscode.window.showQuickPick(
      rows.map((row) => ({
        label: row.current ? `$(check) ${row.model}` : row.model,
        description: `${usd(row.perCall)}/call · ${usd(row.perMonth)}/mo`,
        detail: `${row.tier}${row.fits ? '' : ' · the prompt does not fit its context window'}`,
        model: row.model,
      })),
      {
        title: `Models for this prompt (${found.report.model} now)`,
        placeHolder: 'Pick a model to switch this call to it',
      },
    );
    if (!picked || picked.model === found.report.model) return undefined;
    return switchModel(ctx, found.document.uri, found.report.prompt.id, picked.model);
  });
  command('tokenwise.pickModel', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const current = await ctx.modelFor(editor.document.uri);
    const models = await ctx.engine.models((await ctx.currentPolicy()).customModels);
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Use the call site, policy or setting default', model: '' },
        ...models.map((info) => ({
          label: info.id === current ? `$(check) ${info.id}` : info.id,
          description: `${info.provider} · ${info.tier}`,
          model: info.id,
        })),
      ],
      { title: 'Model for prompts of this file that name none', placeHolder: current },
    );
    if (!picked) return undefined;
    await ctx.setFileModel(editor.document.uri, picked.model || undefined);
    return picked.model;
  });
  command('tokenwise.countAnyway', (uri?: vscode.Uri) => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage(
        'tokenwise: "Count Tokens in This Large File Anyway" counts the file of the active text editor, and the active tab is not a text editor. Open the file in an editor tab and run it again.',
      );
      return false;
    }
    ctx.analysis.countAnyway(target);
    return true;
  });
  command('tokenwise.auditWorkspace', () => ctx.auditWorkspace());
  command('tokenwise.setApiKey', async (provider?: 'anthropic' | 'google', key?: string) => {
    const which =
      provider ??
      ((await vscode.window.showQuickPick(['anthropic', 'google'], {
        title: 'Provider whose token-counting API to use',
      })) as keyof typeof apiKeySecrets | undefined);
    if (!which) return false;
    const value =
      key ??
      (await vscode.window.showInputBox({
        title: `${which} API key (kept in VS Code's secret storage)`,
        password: true,
      }));
    if (value === undefined) return false;
    if (value === '') await ctx.extension.secrets.delete(apiKeySecrets[which]);
    else await ctx.extension.secrets.store(apiKeySecrets[which], value);
    return true;
  });
}

async function reportAt(ctx: Ctx, uri: vscode.Uri | undefined, promptId: string | undefined) {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) return undefined;
  const result = await ctx.analysis.of(document);
  if (result.state !== 'ready') return undefined;
  const cursor = editor?.document === document ? editor.selection.active : undefined;
  const report = result.audit.prompts.find((r) =>
    promptId
      ? r.prompt.id === promptId
      : cursor && toRange(r.prompt.callSite?.range ?? r.prompt.range).contains(cursor),
  );
  return report && { document, report };
}

/** Replaces the model string (inside its quotes) of the call, or the model id of a prompt file's front matter, with one undoable edit. */
async function switchModel(ctx: Ctx, uri: vscode.Uri, promptId: string, model: string): Promise<boolean> {
  const found = await reportAt(ctx, uri, promptId);
  const modelRange = found && modelRangeOf(found.report.prompt);
  if (!found || !modelRange) return false;
  const range = literalContent(found.document, toRange(modelRange));
  if (!range) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(found.document.uri, range, model);
  return vscode.workspace.applyEdit(edit);
}

/** The inside of a quoted literal, or the range itself when it holds a bare model id; undefined for expressions. */
function literalContent(document: vscode.TextDocument, range: vscode.Range): vscode.Range | undefined {
  const text = document.getText(range);
  if (/^(['"`]).*\1$/s.test(text)) return new vscode.Range(range.start.translate(0, 1), range.end.translate(0, -1));
  return /^[\w./:@-]+$/.test(text) ? range : undefined;
}
