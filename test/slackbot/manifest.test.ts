import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

describe('Slack app manifest', () => {
  const manifest = parse(readFileSync('slackbot/manifest.yaml', 'utf8'));

  it('declares /tokens with escaped mentions, App Home, interactivity and the scopes the bot uses', () => {
    const tokens = manifest.features.slash_commands.find((command: { command: string }) => command.command === '/tokens');
    assert.ok(tokens);
    assert.equal(tokens.should_escape, true);
    assert.equal(manifest.features.app_home.home_tab_enabled, true);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.deepEqual(manifest.settings.event_subscriptions.bot_events, ['app_home_opened']);
    for (const scope of ['commands', 'chat:write', 'users:read', 'users:read.email']) assert.ok(manifest.oauth_config.scopes.bot.includes(scope), scope);
  });

  it('sends every request to the one endpoint the bot serves', () => {
    for (const url of [manifest.features.slash_commands[0].url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url]) {
      assert.match(url, /\/slack\/events$/);
    }
  });
});
