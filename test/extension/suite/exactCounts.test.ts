import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { closeAll, extensionApi, openFixture, setSetting } from './helpers';

/** Anthropic's `POST /v1/messages/count_tokens`, as documented: API key header in, `{ input_tokens }` out. */
async function countTokensServer() {
  const requests: Array<{ key: string | undefined; body: { model: string; messages: Array<{ content: string }> } }> = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    requests.push({ key: request.headers['x-api-key'] as string | undefined, body: JSON.parse(body) });
    response.writeHead(request.url === '/v1/messages/count_tokens' ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ input_tokens: 4242 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() };
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

describe('exact counts from the provider (opt-in)', () => {
  afterEach(closeAll);

  it('sends prompt text only once turned on with a key, and shows the exact count', async () => {
    await extensionApi();
    const provider = await countTokensServer();
    const editor = await openFixture('src/claude.ts');
    const inPrompt = new vscode.Position(9, 20);
    try {
      await setSetting('exactCounts.baseUrl', provider.url);
      await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', 'test-key');
      const off = await hoverText(editor.document.uri, inPrompt);
      assert.match(off, /≈ [\d,]+ tok in/, 'Claude counts are estimates locally');
      assert.doesNotMatch(off, /Exact count/);
      assert.equal(provider.requests.length, 0, 'nothing is sent while the setting is off');

      await setSetting('exactCounts.provider', 'anthropic');
      const on = await hoverText(editor.document.uri, inPrompt);
      assert.match(on, /Exact count of the prompt's text: \*\*4,242 tokens\*\*/);
      assert.equal(provider.requests.length, 1);
      assert.equal(provider.requests[0]!.key, 'test-key');
      assert.equal(provider.requests[0]!.body.model, 'claude-sonnet-4-5');
      assert.match(provider.requests[0]!.body.messages[0]!.content, /Summarise the incident report/);
    } finally {
      await setSetting('exactCounts.provider', undefined);
      await setSetting('exactCounts.baseUrl', undefined);
      await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', '');
      provider.close();
    }
  });
});
