// Shared steps of the in-host suite: the extension's API, fixture documents, lenses, polling and settings.
import * as vscode from 'vscode';
import type { TokenwiseApi } from '../../../extension/main';

export const workspaceRoot = process.env.TOKENWISE_E2E_WORKSPACE ?? '';

export async function extensionApi(): Promise<TokenwiseApi> {
  const extension = vscode.extensions.getExtension<TokenwiseApi>('tokenwise.tokenwise');
  if (!extension) throw new Error('the tokenwise extension is not loaded');
  return extension.activate();
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.file(`${workspaceRoot}/${relativePath}`);
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document);
}

export async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

export async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  return (await lensesOf(uri)).map((lens) => lens.command?.title ?? '');
}

/** Polls until `check` returns a value other than undefined/false, or fails with the last value seen. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a command that shows a quick pick and accepts its item at `index`, as a person would with the arrow keys. */
export async function pickInQuickPick<T>(command: string, index: number, ...args: unknown[]): Promise<T | undefined> {
  const result = vscode.commands.executeCommand<T>(command, ...args);
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the quick pick opens asynchronously
  for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return result;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tokenwise').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
