// The extension's commands. Each returns what it did, so the suite (and other extensions) can check the outcome.
import * as vscode from 'vscode';
import { serverUrlProblem } from '../core';
import { compareWithBase } from './compareBase';
import { apiKeySecrets, type Ctx } from './ctx';
import { priceQuestion } from './hovers';
import { thousands, usd } from './labels';
import { modelRangeOf, toRange } from './ranges';
import { readTokenSecret, type ServerState } from './teamServer';

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
        description: `${usd(row.perCall)}/call · ${usd(row.perMonth)}/mo${row.promptTokens === found.report.tokens.tokens ? '' : ` · ≈ ${thousands(row.promptTokens)} tok in`}`,
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
  command('tokenwise.connectServer', (url?: string, token?: string, app?: string) =>
    connectServer(ctx, url, token, app),
  );
  command('tokenwise.disconnectServer', async () => {
    ctx.server.forget();
    await vscode.workspace
      .getConfiguration('tokenwise')
      .update('server.url', undefined, vscode.ConfigurationTarget.Global);
    await ctx.extension.secrets.delete(readTokenSecret);
    await ctx.reloadSettings();
    await ctx.server.settled();
    return ctx.server.state;
  });
  command('tokenwise.compareWithBase', async (uri?: vscode.Uri) => {
    const comparison = await compareWithBase(ctx, uri);
    if (typeof comparison === 'string') {
      void vscode.window.showInformationMessage(`tokenwise: ${comparison}`);
      return comparison;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: comparison.markdown });
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return comparison;
  });
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

/**
 * Asks for the server's URL, the app and the read token (or takes them as arguments), keeps the URL and app in the
 * user's settings and the token in SecretStorage, then reads the server once to say whether it answers.
 */
async function connectServer(ctx: Ctx, url?: string, token?: string, app?: string): Promise<ServerState | undefined> {
  const section = vscode.workspace.getConfiguration('tokenwise');
  const address =
    url ??
    (await vscode.window.showInputBox({
      title: 'tokenwise team server URL (the Slack bot serving GET /v1/usage/prompts)',
      value: ctx.settings.serverUrl,
      placeHolder: 'https://tokenwise.example.com',
      validateInput: (value) => (value.trim() ? serverUrlProblem(value.trim()) : 'Enter the server URL'),
    }));
  if (address === undefined) return undefined;
  const appName =
    app ??
    (await vscode.window.showInputBox({
      title: 'App name whose traffic to show (empty: all apps)',
      value: ctx.settings.serverApp,
    }));
  if (appName === undefined) return undefined;
  const secret =
    token ??
    (await vscode.window.showInputBox({
      title: "The server's read token (READ_TOKEN), kept in VS Code's secret storage",
      password: true,
    }));
  if (secret === undefined) return undefined;
  ctx.server.forget();
  await ctx.extension.secrets.store(readTokenSecret, secret);
  await section.update('server.app', appName.trim() || undefined, vscode.ConfigurationTarget.Global);
  await section.update('server.url', address.trim(), vscode.ConfigurationTarget.Global);
  await ctx.reloadSettings();
  await ctx.server.settled();
  const state = ctx.server.state;
  if (url === undefined) {
    const shown =
      state.kind === 'connected'
        ? `tokenwise: connected; ${state.prompts} prompt(s) observed (${state.window}).`
        : state.kind === 'restricted'
          ? 'tokenwise: connection saved; nothing is sent until you trust this workspace.'
          : state.kind === 'unreachable'
            ? `tokenwise: ${state.message}.`
            : 'tokenwise: connection saved.';
    void vscode.window.showInformationMessage(shown);
  }
  return state;
}
