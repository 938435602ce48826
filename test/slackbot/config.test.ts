import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../../slackbot/config';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-1',
  SLACK_SIGNING_SECRET: 'signing-secret-0123456',
  INGEST_TOKEN: 'ingest-token-0123456789',
};

describe('bot configuration', () => {
  it('defaults to HTTP mode on port 3000 with the embedded SQLite file', () => {
    const config = loadConfig(base);
    assert.equal(config.mode, 'http');
    assert.equal(config.port, 3000);
    assert.deepEqual(config.store, { kind: 'sqlite', file: './data/tokenwise.db' });
  });

  it('listens on every interface unless HOST names an address or host name', () => {
    assert.equal(loadConfig(base).host, undefined);
    assert.equal(loadConfig({ ...base, HOST: '127.0.0.1' }).host, '127.0.0.1');
    assert.equal(loadConfig({ ...base, HOST: '::1' }).host, '::1');
    assert.equal(loadConfig({ ...base, HOST: 'bot.internal' }).host, 'bot.internal');
    assert.throws(
      () => loadConfig({ ...base, HOST: 'http://0.0.0.0:3000' }),
      /HOST: must be an IP address or host name/,
    );
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    assert.deepEqual(loadConfig({ ...base, DATABASE_URL: 'postgres://bot@db/tokenwise' }).store, {
      kind: 'postgres',
      url: 'postgres://bot@db/tokenwise',
      poolSize: 10,
    });
    assert.deepEqual(
      loadConfig({ ...base, DATABASE_URL: 'postgres://bot@db/tokenwise', DATABASE_POOL_SIZE: '4' }).store,
      { kind: 'postgres', url: 'postgres://bot@db/tokenwise', poolSize: 4 },
    );
    assert.throws(() => loadConfig({ ...base, DATABASE_POOL_SIZE: '0' }), /DATABASE_POOL_SIZE/);
  });

  it('keeps raw events for RETENTION_DAYS when set, and all of them otherwise', () => {
    assert.equal(loadConfig(base).retentionDays, undefined);
    assert.equal(loadConfig({ ...base, RETENTION_DAYS: '400' }).retentionDays, 400);
    assert.throws(() => loadConfig({ ...base, RETENTION_DAYS: '7' }), /RETENTION_DAYS: must be at least 30/);
  });

  it('names every missing or bad variable', () => {
    assert.throws(
      () =>
        loadConfig({
          SLACK_BOT_TOKEN: 'xoxp-user',
          PORT: 'eighty',
          ORG_TIMEZONE: 'Mars/Olympus',
          PULL_TEAM_MAP: '{not json',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'ORG_TIMEZONE', 'PULL_TEAM_MAP', 'INGEST_TOKEN'])
          assert.match(error.message, new RegExp(`${name}:`));
        return true;
      },
    );
  });

  it('asks for the signing secret in HTTP mode and the app token in socket mode', () => {
    assert.throws(
      () => loadConfig({ ...base, SLACK_SIGNING_SECRET: '' }),
      /SLACK_SIGNING_SECRET: is required in HTTP mode/,
    );
    assert.throws(() => loadConfig({ ...base, SLACK_MODE: 'socket' }), /SLACK_APP_TOKEN: is required in socket mode/);
    assert.equal(loadConfig({ ...base, SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1' }).mode, 'socket');
  });

  it('enables a provider pull only with its admin key, and reads the team map', () => {
    const config = loadConfig({ ...base, OPENAI_ADMIN_KEY: 'sk-admin', PULL_TEAM_MAP: '{"proj_1":"search"}' });
    assert.deepEqual(config.pulls.openai, { adminKey: 'sk-admin', baseUrl: 'https://api.openai.com' });
    assert.equal(config.pulls.anthropic, undefined);
    assert.deepEqual(config.pulls.teamMap, { proj_1: 'search' });
  });

  it('stops `npm run slackbot` before it starts, naming each bad variable, without a stack trace', function () {
    this.timeout(30_000);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'slackbot/main.ts'], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxp-user',
        SLACK_SIGNING_SECRET: 'signing-secret-0123456',
        PORT: '0',
      },
      encoding: 'utf8',
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /SLACK_BOT_TOKEN: must be a bot token starting xoxb-/);
    assert.match(run.stderr, /INGEST_TOKEN: is required/);
    assert.doesNotMatch(run.stderr, /\bat .*\.ts:\d+/);
    assert.equal(run.stdout, '', 'nothing started, nothing logged');
  });
});
