// A bot running in-process on a fresh store, with the local Slack double it talks to, for a `describe` block:
// registers the before and after hooks that start and stop the lot, and hands back what the tests reach for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Policy } from '../../../core';
import { startBot, type RunningBot } from '../../../slackbot/app';
import { loadConfig } from '../../../slackbot/config';
import { createLog } from '../../../slackbot/log';
import { SqliteStore } from '../../../slackbot/store/sqlite';
import type { Store } from '../../../slackbot/store/store';
import { SlackApiDouble } from './slackApi';

export const SECRET = 'test-signing-secret-0123456789';
export const TOKEN = 'ingest-token-0123456789';

/** Another local server the bot talks to (LiteLLM, Socket Mode), up before the bot and down after it. */
interface Double {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  policy: Policy;
  now: () => Date;
  /** Variables over the defaults (Slack tokens, the double's API URL, the ingest token, any free port); undefined unsets one. Read once the doubles are up. */
  env?: () => Record<string, string | undefined>;
  /** The store the bot runs on; SQLite in the block's temp dir when not given. */
  store?: (dir: string) => Promise<Store>;
  doubles?: Double[];
  /** What the bot should find when it starts: rows in the store, settings on the doubles. */
  beforeStart?: (store: Store) => Promise<unknown> | void;
}

export interface TestBot {
  readonly slack: SlackApiDouble;
  dir: string;
  store: Store;
  bot: RunningBot;
  /** http://127.0.0.1:port of the bot's HTTP server. */
  base: string;
}

export function testBot({
  policy,
  now,
  env = () => ({}),
  store = async (dir) => new SqliteStore(join(dir, 'bot.db')),
  doubles = [],
  beforeStart,
}: TestBotOptions): TestBot {
  const handle = { slack: new SlackApiDouble() } as TestBot;

  before(async () => {
    await handle.slack.start();
    for (const double of doubles) await double.start();
    handle.dir = mkdtempSync(join(tmpdir(), 'tokenwise-bot-'));
    handle.store = await store(handle.dir);
    await beforeStart?.(handle.store);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: handle.slack.apiUrl,
      INGEST_TOKEN: TOKEN,
      HOST: '127.0.0.1',
      PORT: '0',
      ...env(),
    });
    handle.bot = await startBot({ config, store: handle.store, policy, log: createLog('error', () => undefined), now });
    handle.base = `http://127.0.0.1:${handle.bot.port}`;
  });

  after(async () => {
    await handle.bot.stop();
    await handle.store.close();
    for (const double of [...doubles].reverse()) await double.stop();
    await handle.slack.stop();
    rmSync(handle.dir, { recursive: true, force: true });
  });

  return handle;
}
