// Shared steps of the in-host suite: the extension's API, fixture documents, lenses, hovers, polling, settings and a
// provider's token-counting endpoint.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Anthropic's `POST /v1/messages/count_tokens`, as documented: API key header in, `{ input_tokens }` out. */
export async function countTokensServer() {
  const requests: Array<{ key: string | undefined; body: { model: string; messages: Array<{ content: string }> } }> =
    [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    // Recorded whatever it holds: a test that expects nothing here must see anything that arrives.
    let parsed: unknown = body;
    try {
      parsed = JSON.parse(body);
    } catch {
      // not JSON: kept as text
    }
    requests.push({
      key: request.headers['x-api-key'] as string | undefined,
      body: parsed as (typeof requests)[number]['body'],
    });
    response.writeHead(request.url === '/v1/messages/count_tokens' ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ input_tokens: 4242 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() };
}

/** Polls until `check` returns a value other than undefined/false, or fails with the last value seen. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
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

// The real module objects (an import would give a bundled copy), so replacing their functions reaches every caller.
const http = require('node:http') as typeof import('node:http');
const https = require('node:https') as typeof import('node:https');

/**
 * Records every http(s) request and fetch made in the extension host until `stop()`: refused, or passed on when
 * `passOn` (to see where the opt-in exact counter sends its requests).
 */
export function watchHostNetwork({ passOn }: { passOn: boolean }): { requests: string[]; stop(): void } {
  const requests: string[] = [];
  const originals = {
    http: { request: http.request, get: http.get },
    https: { request: https.request, get: https.get },
    fetch: globalThis.fetch,
  };
  const watch = <F extends (...args: never[]) => unknown>(kind: string, original: F) =>
    ((...args: Parameters<F>) => {
      const target = args[0] as unknown;
      requests.push(`${kind} ${target instanceof Request ? target.url : String(target)}`);
      if (!passOn) throw new Error('network disabled by the privacy test');
      return original(...args);
    }) as unknown as F;
  Object.assign(http, { request: watch('http', originals.http.request), get: watch('http', originals.http.get) });
  Object.assign(https, { request: watch('https', originals.https.request), get: watch('https', originals.https.get) });
  globalThis.fetch = watch('fetch', originals.fetch);
  return {
    requests,
    stop: () => {
      Object.assign(http, originals.http);
      Object.assign(https, originals.https);
      globalThis.fetch = originals.fetch;
    },
  };
}
