import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  closeAll,
  countTokensServer,
  extensionApi,
  hoverText,
  openFixture,
  setSetting,
  until,
  watchHostNetwork,
} from './helpers';

describe('exact counts from the provider (opt-in)', () => {
  afterEach(closeAll);

  it('sends prompt text only once turned on with a key, and shows the exact count', async () => {
    const api = await extensionApi();
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
      const host = watchHostNetwork({ passOn: true });
      const on = await hoverText(editor.document.uri, inPrompt).finally(() => host.stop());
      assert.deepEqual(
        host.requests,
        [`fetch ${provider.url}/v1/messages/count_tokens`],
        'only the configured provider endpoint is reached',
      );
      assert.deepEqual(api.engine().network.attempts, [], 'and nothing from the analysis worker');
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
  it('warns once of a base URL it ignores, not again when another setting changes', async () => {
    const warnings: string[] = [];
    const window = vscode.window as { showWarningMessage: (message: string) => Thenable<undefined> };
    const show = window.showWarningMessage;
    window.showWarningMessage = (message) => {
      warnings.push(message);
      return Promise.resolve(undefined);
    };
    try {
      await setSetting('exactCounts.baseUrl', 'http://proxy.example.com/v1');
      await until('the warning', () => warnings.length > 0);
      await setSetting('callsPerDay', 2_000);
      await setSetting('outputTokens', 300);
      // Each change is read in turn; a second warning would have come by the time a third change is read.
      await setSetting('callsPerDay', undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(
        warnings[0]!,
        /^Setting tokenwise\.exactCounts\.baseUrl ignored: .*https.*; exact counts stay off until it is fixed$/,
      );
      await setSetting('exactCounts.baseUrl', undefined);
      await setSetting('exactCounts.baseUrl', 'http://proxy.example.com/v2');
      await until('the warning of the setting made wrong again', () => warnings.length > 1);
    } finally {
      window.showWarningMessage = show;
      await setSetting('exactCounts.baseUrl', undefined);
      await setSetting('outputTokens', undefined);
    }
  });
});
