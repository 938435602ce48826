// The bot as a deployed service: its production bundle started from a folder holding nothing else but the native
// SQLite binding, and the health contract (/healthz: the process serves; /readyz: its store answers) over HTTP.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { defaultPolicy } from '../../core';
import { startBot, type RunningBot } from '../../slackbot/app';
import { loadConfig } from '../../slackbot/config';
import { createLog } from '../../slackbot/log';
import { openStore } from '../../slackbot/store';
import type { Store } from '../../slackbot/store/store';
import { startBotProcess, type BotProcess } from './support/botProcess';
import { createTestDatabase } from './support/postgres';
import { SlackApiDouble } from './support/slackApi';
import { SECRET, TOKEN } from './support/testBot';

const ROOT = join(__dirname, '..', '..');

const getJson = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

describe('The bot as a service', function () {
  this.timeout(120_000);
  const slack = new SlackApiDouble();
  before(() => slack.start());
  after(() => slack.stop());

  describe('production start: node dist/slackbot.js with only the native SQLite binding installed', () => {
    let dir: string;
    let bot: BotProcess | undefined;

    before(() => {
      const build = spawnSync(process.execPath, ['scripts/build.mjs', 'slackbot'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, build.stderr);
      dir = mkdtempSync(join(tmpdir(), 'tokenwise-service-'));
      cpSync(join(ROOT, 'dist', 'slackbot.js'), join(dir, 'dist', 'slackbot.js'));
      // better-sqlite3 at run time: its lib, its compiled addon and the two modules that load it.
      const modules = join(ROOT, 'node_modules');
      for (const part of ['package.json', 'lib', 'build/Release/better_sqlite3.node'])
        cpSync(join(modules, 'better-sqlite3', part), join(dir, 'node_modules', 'better-sqlite3', part), {
          recursive: true,
        });
      for (const name of ['bindings', 'file-uri-to-path'])
        cpSync(join(modules, name), join(dir, 'node_modules', name), { recursive: true });
      mkdirSync(join(dir, '.git'));
    });
    after(async () => {
      await bot?.kill();
      rmSync(dir, { recursive: true, force: true });
    });

    it('starts, is live and ready, and stops on SIGTERM with exit code 0', async () => {
      bot = await startBotProcess(
        {
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: slack.apiUrl,
          INGEST_TOKEN: TOKEN,
          PORT: '0',
          TOKENWISE_DB: join(dir, 'data', 'tokenwise.db'),
        },
        60_000,
        ['dist/slackbot.js'],
        dir,
      );
      const base = `http://127.0.0.1:${bot.port}`;
      assert.deepEqual((await getJson(`${base}/healthz`)).body, { ok: true });
      const ready = await getJson(`${base}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body, { ready: true, store: 'sqlite' });
      const exited = once(bot.child, 'exit');
      bot.child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
      bot = undefined;
    });
  });

  describe('readiness follows the store (PostgreSQL)', () => {
    let url: string;
    let store: Store;
    let bot: RunningBot;
    let base: string;
    const admin = (sql: string) => {
      const client = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
      return client
        .connect()
        .then(() => client.query(sql))
        .finally(() => client.end());
    };
    const database = () => new URL(url).pathname.slice(1);

    before(async () => {
      url = await createTestDatabase();
      store = await openStore({ kind: 'postgres', url });
      const config = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        INGEST_TOKEN: TOKEN,
        PORT: '0',
        DATABASE_URL: url,
      });
      bot = await startBot({ config, store, policy: defaultPolicy, log: createLog('error', () => undefined) });
      base = `http://127.0.0.1:${bot.port}`;
    });
    after(async () => {
      await admin(`ALTER DATABASE ${database()} WITH ALLOW_CONNECTIONS true`);
      await bot.stop();
      await store.close();
    });

    it('is ready while the database answers', async () => {
      const ready = await getJson(`${base}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body, { ready: true, store: 'postgres' });
    });

    it('answers 503 with Retry-After while the database refuses connections, stays live, and is ready again after', async () => {
      await admin(`ALTER DATABASE ${database()} WITH ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database()}'`);
      const down = await getJson(`${base}/readyz`);
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('retry-after'), '5');
      assert.deepEqual(down.body, { ready: false, store: 'postgres', reason: 'the store does not answer' });
      assert.equal((await getJson(`${base}/healthz`)).status, 200);

      await admin(`ALTER DATABASE ${database()} WITH ALLOW_CONNECTIONS true`);
      assert.equal((await getJson(`${base}/readyz`)).status, 200);
    });
  });
});
