import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

describe('Slack app manifest', () => {
  const manifest = parse(readFileSync('slackbot/manifest.yaml', 'utf8'));

  it('declares /tokens with escaped mentions, App Home, interactivity and the scopes the bot uses', () => {
    const tokens = manifest.features.slash_commands.find(
      (command: { command: string }) => command.command === '/tokens',
    );
    assert.ok(tokens);
    assert.equal(tokens.should_escape, true);
    assert.equal(manifest.features.app_home.home_tab_enabled, true);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.deepEqual(manifest.settings.event_subscriptions.bot_events, ['app_home_opened']);
    for (const scope of ['commands', 'chat:write', 'users:read', 'users:read.email'])
      assert.ok(manifest.oauth_config.scopes.bot.includes(scope), scope);
  });

  it('sends every request to the one endpoint the bot serves', () => {
    for (const url of [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]) {
      assert.match(url, /\/slack\/events$/);
    }
  });

  it('grants the scope of every Web API method the bot calls', () => {
    // Slack's documented scopes per method; a method missing here fails the test until its scope is checked.
    const SCOPES: Record<string, string[]> = {
      'chat.postMessage': ['chat:write'],
      'chat.postEphemeral': ['chat:write'],
      'chat.update': ['chat:write'],
      'users.info': ['users:read'],
      'usergroups.users.list': ['usergroups:read'],
      'conversations.members': ['channels:read', 'groups:read'],
      'views.open': [],
      'views.publish': [],
    };
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
      );
    const methods = new Set(
      files('slackbot').flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/client\.((?:[a-z]+\.)+[a-zA-Z]+)\(/g)].map((match) => match[1]!),
      ),
    );
    assert.ok(methods.has('views.publish') && methods.has('users.info'));
    for (const method of methods) {
      assert.ok(method in SCOPES, `${method}: which scope does it need?`);
      for (const scope of SCOPES[method]!)
        assert.ok(manifest.oauth_config.scopes.bot.includes(scope), `${method} needs ${scope}`);
    }
  });
});
