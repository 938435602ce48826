// Scheduled pulls against local fakes of the providers' usage APIs.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPolicy, priceUsage } from '../../core';
import { loadConfig } from '../../slackbot/config';
import type { BotContext } from '../../slackbot/context';
import { createLog } from '../../slackbot/log';
import { pullAnthropic } from '../../slackbot/pulls/anthropic';
import { pullOpenAI } from '../../slackbot/pulls/openai';
import { startPulls } from '../../slackbot/pulls/scheduler';
import { SqliteStore } from '../../slackbot/store/sqlite';
import type { LedgerEvent, Store } from '../../slackbot/store/store';
import { UsageApiFake } from './support/usageApis';

const RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
// 2026-11-22 10:40 UTC: with 30 minutes to settle, buckets up to 10:00 are complete.
const NOW = new Date('2026-11-22T10:40:00Z');

function context(store: Store, env: Record<string, string>, now: Date): BotContext {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'test-signing-secret-0123',
    INGEST_TOKEN: 'ingest-token-0123456789',
    PULL_LOOKBACK_DAYS: '1',
    ...env,
  });
  return {
    config,
    store,
    policy: defaultPolicy,
    timeZone: 'UTC',
    log: createLog('error', () => undefined),
    now: () => now,
  };
}

async function totals(store: Store, by: 'team' | 'model' = 'team') {
  const rows = await store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by });
  const sum = new Map<string, { input: number; cached: number; output: number; requests: number }>();
  for (const row of rows) {
    const entry = sum.get(row.key) ?? { input: 0, cached: 0, output: 0, requests: 0 };
    entry.input += row.inputTokens;
    entry.cached += row.cacheReadTokens;
    entry.output += row.outputTokens;
    entry.requests += row.requests;
    sum.set(row.key, entry);
  }
  return Object.fromEntries(sum);
}

describe('usage pulls', function () {
  this.timeout(20_000);
  let dir: string;
  let file: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-pulls-'));
    file = join(dir, 'pulls.db');
    store = new SqliteStore(file);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('OpenAI Usage API', () => {
    const fake = new UsageApiFake('openai', () => [
      {
        input_tokens: 1000,
        output_tokens: 100,
        input_cached_tokens: 600,
        num_model_requests: 4,
        project_id: 'proj_search',
        user_id: 'user_ada',
        api_key_id: 'key_1',
        model: 'gpt-4o-2024-08-06',
        batch: false,
      },
      {
        input_tokens: 500,
        output_tokens: 50,
        input_cached_tokens: 0,
        num_model_requests: 1,
        project_id: 'proj_ads',
        user_id: null,
        api_key_id: 'key_2',
        model: 'gpt-4o-mini',
        batch: true,
      },
    ]);
    before(() => fake.start());
    after(() => fake.stop());
    beforeEach(() => {
      fake.requests.length = 0;
      fake.failures = [];
      fake.brokenPage = undefined;
    });
    const env = () => ({
      OPENAI_ADMIN_KEY: 'sk-admin-test',
      OPENAI_API_URL: fake.url,
      PULL_TEAM_MAP: '{"proj_search":"search","key_2":"ads"}',
    });

    it('pulls every settled hourly bucket across pages, through 429s and 5xx, with the documented parameters', async () => {
      fake.failures = [429, 500, 502];
      const stored: string[] = [];
      const bot = {
        ...context(store, env(), NOW),
        usageStored: (events: readonly LedgerEvent[]) => stored.push(...events.map((event) => event.id)),
      };
      await pullOpenAI(bot, RETRY);
      const first = fake.requests[0]!;
      assert.equal(first.headers.authorization, 'Bearer sk-admin-test');
      assert.equal(first.query.get('bucket_width'), '1h');
      assert.deepEqual(first.query.getAll('group_by[]'), ['project_id', 'user_id', 'api_key_id', 'model', 'batch']);
      // Look-back of one day from 10:40 → 2026-11-21 10:00 … 2026-11-22 10:00: 24 buckets in 5 pages.
      assert.equal(first.query.get('start_time'), String(Date.UTC(2026, 10, 21, 10) / 1000));
      assert.equal(first.query.get('end_time'), String(Date.UTC(2026, 10, 22, 10) / 1000));
      assert.deepEqual(
        fake.requests.map((request) => request.query.get('page')),
        [null, null, null, null, '1', '2', '3', '4'],
      );
      assert.deepEqual(await totals(store), {
        search: { input: 24_000, cached: 14_400, output: 2_400, requests: 96 },
        ads: { input: 12_000, cached: 0, output: 1_200, requests: 24 },
      });
      assert.equal(await store.cursor('openai'), String(Date.UTC(2026, 10, 22, 10) / 1000));
      assert.equal(new Set(stored).size, 48, 'every stored page is reported, so alerts are checked at once');
      stored.length = 0;
      await pullOpenAI(bot, RETRY);
      assert.deepEqual(stored, [], 'a pull that stores nothing new reports nothing');
    });

    it('resumes from the persisted cursor after a restart, with no gap and nothing counted twice', async () => {
      fake.brokenPage = '2';
      await assert.rejects(pullOpenAI(context(store, env(), NOW), RETRY));
      const partial = await store.cursor('openai');
      assert.equal(partial, String(Date.UTC(2026, 10, 21, 20) / 1000), 'two pages of five hours were stored');
      await store.close();
      store = new SqliteStore(file);
      fake.brokenPage = undefined;
      fake.requests.length = 0;
      await pullOpenAI(context(store, env(), NOW), RETRY);
      assert.equal(fake.requests[0]!.query.get('start_time'), partial);
      assert.equal((await totals(store)).search!.requests, 96);
      // A later run asks only for the hours settled since.
      fake.requests.length = 0;
      await pullOpenAI(context(store, env(), new Date('2026-11-22T12:45:00Z')), RETRY);
      assert.equal(fake.requests[0]!.query.get('start_time'), String(Date.UTC(2026, 10, 22, 10) / 1000));
      assert.equal((await totals(store)).search!.requests, 96 + 8);
    });

    it('runs on schedule from the bot’s start, logging what it stored', async () => {
      const lines: string[] = [];
      const bot = { ...context(store, env(), NOW), log: createLog('info', (line) => lines.push(line)) };
      const pulls = startPulls(bot);
      try {
        while (!lines.some((line) => line.includes('usage pulled')))
          await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        pulls.stop();
      }
      const { level, source, stored } = JSON.parse(lines.find((line) => line.includes('usage pulled'))!);
      assert.deepEqual({ level, source, stored }, { level: 'info', source: 'openai', stored: 48 });
      assert.equal(await store.cursor('openai'), String(Date.UTC(2026, 10, 22, 10) / 1000));
      assert.doesNotMatch(lines.join('\n'), /sk-admin-test/);
    });

    it('pulls again on its interval, from the cursor, counting nothing twice', async () => {
      const pulled: Array<{ stored: number }> = [];
      let wake = () => {};
      let clock = NOW;
      const base = context(store, env(), NOW);
      const bot: BotContext = {
        ...base,
        // A 30 ms interval; the clock moves on an hour once the first pull is in, so the next ones have a new hour.
        config: { ...base.config, pulls: { ...base.config.pulls, intervalMinutes: 0.0005 } },
        now: () => clock,
        log: createLog('info', (line) => {
          if (!line.includes('usage pulled')) return;
          pulled.push(JSON.parse(line));
          clock = new Date(NOW.getTime() + 3_600_000);
          wake();
        }),
      };
      const pulls = startPulls(bot);
      try {
        while (pulled.length < 3) await new Promise<void>((resolve) => (wake = resolve));
      } finally {
        pulls.stop();
      }
      assert.deepEqual(
        pulled.slice(0, 3).map((line) => line.stored),
        [48, 2, 0],
        'the first run, the hour settled since, then nothing new',
      );
      assert.equal(await store.cursor('openai'), String(Date.UTC(2026, 10, 22, 11) / 1000));
      assert.deepEqual(await totals(store), {
        search: { input: 25_000, cached: 15_000, output: 2_500, requests: 100 },
        ads: { input: 12_500, cached: 0, output: 1_250, requests: 25 },
      });
    });

    it('prices tokens from the price table, batch usage at the batch rate', async () => {
      await pullOpenAI(context(store, env(), NOW), RETRY);
      const rows = await store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'model' });
      const cost = (model: string) =>
        rows.filter((row) => row.key === model).reduce((sum, row) => sum + row.costNanos, 0);
      const at = new Date('2026-11-21T12:00:00Z');
      const standard = priceUsage(
        { inputTokens: 1000, cacheReadTokens: 600, outputTokens: 100 },
        { model: 'gpt-4o-2024-08-06', provider: 'openai', at },
      ).total;
      const batch = priceUsage(
        { inputTokens: 500, outputTokens: 50 },
        { model: 'gpt-4o-mini', provider: 'openai', at, mode: 'batch' },
      ).total;
      assert.ok(standard > 0 && batch > 0);
      assert.equal(cost('gpt-4o-2024-08-06'), 24 * standard);
      assert.equal(cost('gpt-4o-mini'), 24 * batch);
    });
  });

  describe('Anthropic usage report', () => {
    const fake = new UsageApiFake(
      'anthropic',
      () => [
        {
          uncached_input_tokens: 100,
          cache_read_input_tokens: 800,
          cache_creation: { ephemeral_1h_input_tokens: 50, ephemeral_5m_input_tokens: 50 },
          output_tokens: 70,
          server_tool_use: { web_search_requests: 0 },
          model: 'claude-sonnet-4-5-20250929',
          workspace_id: 'wrkspc_research',
          api_key_id: 'apikey_1',
          service_tier: 'standard',
          context_window: '0-200k',
        },
      ],
      7,
    );
    before(() => fake.start());
    after(() => fake.stop());

    it('pulls hourly buckets with cache reads and both cache-write lifetimes, mapping workspaces to teams', async () => {
      fake.failures = [429, 503];
      await pullAnthropic(
        context(
          store,
          {
            ANTHROPIC_ADMIN_KEY: 'sk-ant-admin',
            ANTHROPIC_API_URL: fake.url,
            PULL_TEAM_MAP: '{"wrkspc_research":"research"}',
          },
          NOW,
        ),
        RETRY,
      );
      const first = fake.requests[0]!;
      assert.equal(first.headers['x-api-key'], 'sk-ant-admin');
      assert.equal(first.headers['anthropic-version'], '2023-06-01');
      assert.equal(first.query.get('starting_at'), '2026-11-21T10:00:00.000Z');
      assert.deepEqual(first.query.getAll('group_by[]'), ['model', 'workspace_id', 'api_key_id', 'service_tier']);
      // A 429 and a 503 retried, then 24 hourly buckets in pages of 7 followed through next_page.
      assert.deepEqual(
        fake.requests.map((request) => request.query.get('page')),
        [null, null, null, '1', '2', '3'],
      );
      assert.deepEqual(await totals(store), {
        research: { input: 24 * 1000, cached: 24 * 800, output: 24 * 70, requests: 0 },
      });
      assert.equal(await store.cursor('anthropic'), String(Date.UTC(2026, 10, 22, 10) / 1000));
      const rows = await store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' });
      assert.ok(rows.every((row) => row.cacheWriteTokens === 100 * (row.inputTokens / 1000)));
    });
  });
});
