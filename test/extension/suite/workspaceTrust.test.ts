import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ServerState } from '../../../extension/teamServer';
import { startReadApiServer, weekOfUsage } from '../../support/readApiServer';
import {
  closeAll,
  countTokensServer,
  extensionApi,
  fixtureUri,
  hoverText,
  lensTitles,
  openFixture,
  setSetting,
  until,
  watchHostNetwork,
} from './helpers';

// A cloned repository's .vscode/settings.json is the attack: it points exact counts at a server of its own, hoping
// the next hover sends the user's stored key and prompt text there. The harness runs this file twice: in a trusted
// workspace (the main run) and, in a second workbench with workspace trust on, in Restricted Mode.
const mode = vscode.workspace.isTrusted ? 'trusted' : 'Restricted Mode';
const workspaceSettings = fixtureUri('.vscode/settings.json');
/** A setting a workspace may set, written beside the attack's, to know when VS Code has read the file. */
const marker = 4321;
const inClaudePrompt = new vscode.Position(9, 20);

async function writeWorkspaceSettings(settings: Record<string, unknown> | undefined): Promise<void> {
  const callsPerDay = () => vscode.workspace.getConfiguration('tokenwise').inspect('callsPerDay')?.workspaceValue;
  if (settings) {
    await vscode.workspace.fs.writeFile(
      workspaceSettings,
      new TextEncoder().encode(JSON.stringify({ ...settings, 'tokenwise.callsPerDay': marker })),
    );
    await until('VS Code read the workspace settings', () => callsPerDay() === marker);
  } else {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceSettings, '..'), { recursive: true });
    await until('VS Code dropped the workspace settings', () => callsPerDay() === undefined);
  }
}

describe(`workspace trust and stored keys (${mode})`, () => {
  afterEach(closeAll);

  it('declares a scope for every setting, and application scope where prompt text or a key would go', () => {
    const manifest = vscode.extensions.getExtension('tokenwise.tokenwise')!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
    };
    const scopes = Object.fromEntries(
      Object.entries(manifest.contributes.configuration.properties).map(([key, value]) => [key, value.scope]),
    );
    assert.deepEqual(scopes, {
      'tokenwise.defaultModel': 'window',
      'tokenwise.callsPerDay': 'window',
      'tokenwise.outputTokens': 'window',
      'tokenwise.lenses.enabled': 'window',
      'tokenwise.lenses.languages': 'window',
      'tokenwise.policyFile': 'window',
      'tokenwise.exactCounts.provider': 'application',
      'tokenwise.exactCounts.baseUrl': 'application',
      'tokenwise.server.url': 'application',
      'tokenwise.server.app': 'window',
    });
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, [
      'tokenwise.exactCounts.provider',
      'tokenwise.exactCounts.baseUrl',
      'tokenwise.server.url',
    ]);
  });

  it("sends nothing to a server the workspace's settings name, with keys stored", async function () {
    this.timeout(90_000); // in the Restricted Mode run, the first hover of a fresh workbench also starts the worker
    const api = await extensionApi();
    const catcher = await countTokensServer();
    const editor = await openFixture('src/claude.ts');
    try {
      await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', 'stored-anthropic-key');
      await vscode.commands.executeCommand('tokenwise.setApiKey', 'google', 'stored-gemini-key');
      await writeWorkspaceSettings({
        'tokenwise.exactCounts.provider': 'anthropic',
        'tokenwise.exactCounts.baseUrl': catcher.url,
      });
      assert.equal(
        vscode.workspace.getConfiguration('tokenwise').get('exactCounts.baseUrl'),
        '',
        'VS Code itself ignores the workspace value',
      );
      const host = watchHostNetwork({ passOn: false });
      const hover = await hoverText(editor.document.uri, inClaudePrompt).finally(() => host.stop());
      assert.match(hover, /≈ [\d,]+ tok in/);
      assert.doesNotMatch(hover, /Exact count/);
      assert.deepEqual(host.requests, [], 'exact counts stay off: the provider is the user’s choice alone');

      // The user turned exact counts on themself: the key may go to Anthropic's own API, never the workspace's server.
      await setSetting('exactCounts.provider', 'anthropic');
      const onHost = watchHostNetwork({ passOn: false });
      const on = await hoverText(editor.document.uri, inClaudePrompt).finally(() => onHost.stop());
      if (vscode.workspace.isTrusted) {
        assert.deepEqual(
          onHost.requests,
          ['fetch https://api.anthropic.com/v1/messages/count_tokens'],
          'only the official host is asked',
        );
        assert.match(on, /Exact count unavailable \(Anthropic's count_tokens: request failed/);
      } else {
        assert.deepEqual(onHost.requests, [], 'nothing at all in Restricted Mode');
        assert.match(on, /Exact counts off: Restricted Mode/);
      }
      assert.deepEqual(catcher.requests, [], "the workspace's server received nothing");
      assert.deepEqual(api.engine().network.attempts, []);
    } finally {
      await setSetting('exactCounts.provider', undefined);
      await writeWorkspaceSettings(undefined);
      await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', '');
      await vscode.commands.executeCommand('tokenwise.setApiKey', 'google', '');
      catcher.close();
    }
  });

  if (vscode.workspace.isTrusted) {
    it('keeps exact counts off when the base URL the user set may not receive the key (http to another machine)', async () => {
      const editor = await openFixture('src/claude.ts');
      try {
        await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', 'stored-anthropic-key');
        await setSetting('exactCounts.baseUrl', 'http://collector.example.com');
        await setSetting('exactCounts.provider', 'anthropic');
        const host = watchHostNetwork({ passOn: false });
        const hover = await hoverText(editor.document.uri, inClaudePrompt).finally(() => host.stop());
        assert.deepEqual(host.requests, [], 'neither the refused URL nor, in its place, the provider');
        assert.doesNotMatch(hover, /Exact count/);
      } finally {
        await setSetting('exactCounts.provider', undefined);
        await setSetting('exactCounts.baseUrl', undefined);
        await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', '');
      }
    });
  }

  if (!vscode.workspace.isTrusted) {
    it('sends no prompt text in Restricted Mode even to a server the user chose, and says why', async () => {
      const api = await extensionApi();
      const catcher = await countTokensServer();
      const editor = await openFixture('src/claude.ts');
      try {
        await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', 'stored-anthropic-key');
        await setSetting('exactCounts.baseUrl', catcher.url);
        await setSetting('exactCounts.provider', 'anthropic');
        const host = watchHostNetwork({ passOn: true });
        const hover = await hoverText(editor.document.uri, inClaudePrompt).finally(() => host.stop());
        assert.match(
          hover,
          /_Exact counts off: Restricted Mode\. Prompt text stays on this machine until you trust this workspace\._/,
        );
        assert.deepEqual(host.requests, []);
        assert.deepEqual(catcher.requests, []);
        editor.selection = new vscode.Selection(inClaudePrompt, inClaudePrompt);
        const tooltip = await until(
          'the status bar tooltip',
          () => api.statusTooltip()?.includes('Restricted Mode') && api.statusTooltip(),
        );
        assert.match(tooltip, /Prompt under the cursor[.;].*\nExact counts off: Restricted Mode\./s);
      } finally {
        await setSetting('exactCounts.provider', undefined);
        await setSetting('exactCounts.baseUrl', undefined);
        await vscode.commands.executeCommand('tokenwise.setApiKey', 'anthropic', '');
        catcher.close();
      }
    });
  }

  it('reads the team server only when the user connected it, and never in Restricted Mode', async function () {
    this.timeout(90_000);
    const api = await extensionApi();
    const editor = await openFixture('src/support.ts');
    const usage = weekOfUsage([{ prompt: 'src/support.ts#classifyTicket', calls: 7_000, costNanos: 7_000_000 }]);
    const planted = await startReadApiServer('planted-token', usage);
    const chosen = await startReadApiServer('user-token', usage);
    try {
      // The repository's settings name a server of their own: ignored, it never hears of the user's token.
      await writeWorkspaceSettings({ 'tokenwise.server.url': planted.url, 'tokenwise.server.app': 'support-bot' });
      assert.equal(vscode.workspace.getConfiguration('tokenwise').get('server.url'), '');
      await vscode.commands.executeCommand('tokenwise.connectServer', chosen.url, 'user-token', '');
      const titles = await lensTitles(editor.document.uri);
      assert.deepEqual(planted.requests, [], "the workspace's server received nothing");
      if (vscode.workspace.isTrusted) {
        assert.deepEqual(api.server().state, { kind: 'connected', window: 'last 7 days', prompts: 1 });
        // The workspace may say which app it is: that name goes to the user's server, nothing else.
        assert.deepEqual(
          chosen.requests.map((request) => request.url),
          ['/v1/usage/prompts?app=support-bot'],
        );
      } else {
        const state: ServerState = api.server().state;
        assert.deepEqual(state, { kind: 'restricted' });
        assert.deepEqual(chosen.requests, [], 'nothing at all in Restricted Mode');
        assert.ok(titles.every((title) => !title.startsWith('observed')));
      }
    } finally {
      await vscode.commands.executeCommand('tokenwise.disconnectServer');
      await writeWorkspaceSettings(undefined);
      await planted.close();
      await chosen.close();
    }
  });
});
