// Guardrails over real HTTP, with two bot instances on one store, on SQLite and on PostgreSQL: rate limits exact
// under 500 concurrent checks, request size limits and an environment budget, a loop of 200 identical requests
// tripping the breaker (one alert however many instances), Release refused to a non-approver and audited for an
// approver, the tripped state kept across a restart, and windows that run on through a DST change. Migration 4 fills
// the environment roll-up from usage already stored.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy } from '../../core';
import { startBot, type RunningBot } from '../../slackbot/app';
import { loadConfig } from '../../slackbot/config';
import type { CheckAnswer } from '../../slackbot/http/quotaCheck';
import { createLog } from '../../slackbot/log';
import { PostgresStore } from '../../slackbot/store/postgres';
import { SqliteStore } from '../../slackbot/store/sqlite';
import type { Store } from '../../slackbot/store/store';
import { ledgerEvent } from './support/ledger';
import { createTestDatabase } from './support/postgres';
import { post, signed, slashCommandBody } from './support/signing';
import { SlackApiDouble } from './support/slackApi';
import { SECRET, TOKEN } from './support/testBot';

const policy = parsePolicy(
  JSON.stringify({
    timeZone: 'Europe/Berlin',
    teams: { agents: { members: ['U100', 'U101'], approvers: ['U900'], alertChannel: 'C0AGENTS1' } },
    budgets: { environments: { dev: { tokens: 2_000_000, period: 'day', hardCap: true } } },
    guardrails: {
      requestLimits: [{ id: 'dev-size', environment: 'dev', maxInputTokens: 8000, maxOutputTokens: 1000 }],
      rateLimits: [
        { id: 'user-rpm', per: 'user', rpm: 100 },
        { id: 'key-tpm', per: 'apiKey', tpm: 50_000 },
      ],
      breakers: [{ id: 'agent-loop', app: 'coder', windowMinutes: 10, maxRepeats: 20, maxUsd: 5, coolDownMinutes: 30 }],
    },
  }),
  'tokenwise.config.json',
);

type Answer = CheckAnswer & { error?: string; field?: string };

const kinds: Array<{ name: string; open: (dir: string) => Promise<() => Promise<Store>> }> = [
  { name: 'SQLite', open: async (dir) => async () => new SqliteStore(join(dir, 'bot.db')) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const url = await createTestDatabase();
      return () => PostgresStore.open(url);
    },
  },
];

for (const { name, open } of kinds) {
  describe(`Guardrails over HTTP, two instances on one store (${name})`, function () {
    this.timeout(120_000);
    const slack = new SlackApiDouble();
    let clock = new Date('2026-11-23T09:00:00Z');
    let dir: string;
    let openStore: () => Promise<Store>;
    const instances: Array<{ bot: RunningBot; store: Store; base: string }> = [];

    const startInstance = async () => {
      const store = await openStore();
      const config = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        INGEST_TOKEN: TOKEN,
        PORT: '0',
        TOKENWISE_ADMINS: 'UADMIN',
      });
      const bot = await startBot({ config, store, policy, log: createLog('error', () => undefined), now: () => clock });
      const instance = { bot, store, base: `http://127.0.0.1:${bot.port}` };
      instances.push(instance);
      return instance;
    };
    const stopInstance = async (instance: (typeof instances)[number]) => {
      await instance.bot.stop();
      await instance.store.close();
      instances.splice(instances.indexOf(instance), 1);
    };

    before(async () => {
      await slack.start();
      dir = mkdtempSync(join(tmpdir(), 'tokenwise-guardrails-'));
      openStore = await open(dir);
      await startInstance();
      await startInstance();
    });

    after(async () => {
      for (const instance of [...instances]) await stopInstance(instance);
      await slack.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A check on instance `n % 2`. */
    const check = async (query: Record<string, string | number>, n = 0) => {
      const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
      const response = await fetch(`${instances[n % instances.length]!.base}/v1/quota/check?${search}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: (await response.json()) as Answer,
      };
    };
    const breakerPosts = () =>
      slack.calls.filter(
        (call) =>
          call.method === 'chat.postMessage' && JSON.stringify(call.body.blocks ?? '').includes('breaker_release'),
      );

    it('answers 400 naming a bad guardrail parameter', async () => {
      for (const [query, field] of [
        [{ session: 's1', outputTokens: '-1' }, 'outputTokens'],
        [{ session: 's1', fingerprint: 'short' }, 'fingerprint'],
        [{ user: 'U100', apiKey: '' }, 'apiKey'],
      ] as const) {
        const { status, body } = await check(query);
        assert.equal(status, 400, JSON.stringify(query));
        assert.equal(body.field, field);
      }
    });

    it('admits exactly the rate limit of 500 concurrent checks spread over both instances', async () => {
      clock = new Date('2026-11-23T09:00:10Z');
      const answers = await Promise.all(
        Array.from({ length: 500 }, (_, n) => check({ user: 'U-rate', app: 'batch' }, n)),
      );
      assert.ok(answers.every((answer) => answer.status === 200));
      const allowed = answers.filter((answer) => answer.body.allow);
      assert.equal(allowed.length, 100);
      for (const { body, retryAfter } of answers.filter((answer) => !answer.body.allow)) {
        assert.deepEqual(
          body.denials.map((denial) => [denial.kind, denial.rule]),
          [['rate-limit', 'user-rpm']],
        );
        assert.equal(body.retryAfterSeconds, 50, 'the minute ends 50 s later');
        assert.equal(retryAfter, '50');
        assert.match(body.reason, /rate limit of 100 requests per minute for user U-rate/);
      }
      // The next minute has room again.
      clock = new Date('2026-11-23T09:01:00Z');
      assert.equal((await check({ user: 'U-rate', app: 'batch' })).body.allow, true);
    });

    it('admits exactly the tokens per minute, and refuses a request larger than a whole minute outright', async () => {
      clock = new Date('2026-11-23T09:02:30Z');
      const answers = await Promise.all(
        Array.from({ length: 500 }, (_, n) => check({ apiKey: 'key-alpha', app: 'batch', tokens: 1000 }, n)),
      );
      assert.equal(answers.filter((answer) => answer.body.allow).length, 50);
      const huge = await check({ apiKey: 'key-beta', app: 'batch', tokens: 60_000 });
      assert.equal(huge.body.allow, false);
      assert.equal(huge.body.retryAfterSeconds, undefined, 'waiting does not help');
      assert.match(huge.body.reason, /more than the 50,000 tokens per minute apiKey key-beta may use/);
    });

    it('denies a request over the environment’s size limit, and past dev’s 2M tokens a day, listing each rule', async () => {
      clock = new Date('2026-11-23T10:00:00Z');
      const small = await check({ environment: 'dev', app: 'triage', inputTokens: 8000, outputTokens: 1000 });
      assert.equal(small.body.allow, true);
      const big = await check({ environment: 'dev', app: 'triage', inputTokens: 8001, outputTokens: 1000 });
      assert.equal(big.body.allow, false);
      assert.deepEqual(
        big.body.denials.map((denial) => [denial.kind, denial.rule]),
        [['request-limit', 'dev-size']],
      );
      assert.match(
        big.body.reason,
        /input of 8,001 tokens is over the limit of 8,000 tokens per request \(environment dev\)/,
      );
      assert.equal(big.body.retryAfterSeconds, undefined);
      assert.equal(
        (await check({ environment: 'prod', app: 'triage', inputTokens: 50_000 })).body.allow,
        true,
        'the limit is dev’s only',
      );

      const ingest = await fetch(`${instances[1]!.base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            id: 'dev-1',
            time: '2026-11-23T08:00:00Z',
            provider: 'openai',
            model: 'gpt-4o-mini',
            inputTokens: 1_990_000,
            outputTokens: 5_000,
            environment: 'dev',
            app: 'triage',
          },
        ]),
      });
      assert.equal(ingest.status, 200);
      const within = await check({ environment: 'dev', app: 'triage', inputTokens: 4000, outputTokens: 1000 });
      assert.equal(within.body.allow, true);
      const past = await check({ environment: 'dev', app: 'triage', inputTokens: 9000, outputTokens: 1000 });
      assert.equal(past.body.allow, false);
      assert.deepEqual(past.body.denials.map((denial) => denial.kind).sort(), ['budget', 'request-limit']);
      assert.match(past.body.reason, /daily token budget of environment dev/);
      const budget = past.body.budgets.find((entry) => entry.scope === 'environment')!;
      assert.deepEqual([budget.subject, budget.used, budget.limit], ['dev', 1_995_000, 2_000_000]);
    });

    it('takes an environment budget an admin sets with /tokens budget set env … at the next check', async () => {
      clock = new Date('2026-11-23T10:30:00Z');
      const command = (user: string, text: string) =>
        post(
          `${instances[0]!.base}/slack/events`,
          signed(
            SECRET,
            slashCommandBody({ user_id: user, user_name: user, text, response_url: slack.responseUrl(`cmd-${user}`) }),
            'application/x-www-form-urlencoded',
          ),
        );
      assert.match(
        (await command('U100', 'budget set env staging 1k tokens per day')).text,
        /Only admins can set budgets/,
      );
      const set = await command('UADMIN', 'budget set env staging 1k tokens per day');
      assert.match(set.text, /Environment staging: 1,000 tokens daily/);
      const over = await check({ environment: 'staging', tokens: 1001 }, 1);
      assert.equal(over.body.allow, false);
      assert.match(over.body.reason, /would pass the hard cap of the daily token budget of environment staging/);
      assert.equal((await check({ environment: 'staging', tokens: 1000 }, 1)).body.allow, true);
    });

    it('trips the breaker on a loop of 200 identical requests: 20 admitted, the rest denied, one alert', async () => {
      clock = new Date('2026-11-23T11:00:00Z');
      const loop = {
        session: 'agent-7',
        user: 'U100',
        app: 'coder',
        model: 'gpt-4o-mini',
        fingerprint: 'sha256-0a1b2c3d4e5f',
        inputTokens: 1200,
        outputTokens: 300,
      };
      const answers: Answer[] = [];
      // Concurrently in bursts of 40 over one minute, on both instances.
      for (let burst = 0; burst < 5; burst++) {
        clock = new Date(Date.parse('2026-11-23T11:00:00Z') + burst * 12_000);
        answers.push(
          ...(await Promise.all(Array.from({ length: 40 }, (_, n) => check(loop, n)))).map((answer) => answer.body),
        );
      }
      assert.equal(answers.filter((answer) => answer.allow).length, 20);
      const denied = answers.filter((answer) => !answer.allow);
      assert.ok(
        denied.every(
          (answer) =>
            answer.denials.length === 1 &&
            answer.denials[0]!.kind === 'breaker' &&
            answer.denials[0]!.rule === 'agent-loop',
        ),
      );
      assert.match(
        denied.at(-1)!.reason,
        /Runaway-loop breaker tripped for session agent-7 since 2026-11-23T11:00:00.000Z: the same request 21 times in 10 minutes, over the limit of 20; blocked until 2026-11-23T11:30:00.000Z/,
      );
      assert.equal(denied.at(-1)!.retryAfterSeconds, 30 * 60 - 48);

      await slack.waitFor(() => breakerPosts().length > 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const posts = breakerPosts();
      assert.equal(posts.length, 1, 'one alert for both instances');
      assert.equal(posts[0]!.body.channel, 'C0AGENTS1');
      const text = JSON.stringify(posts[0]!.body.blocks);
      for (const fact of [
        'agent-7',
        'coder',
        '<@U100>',
        'gpt-4o-mini',
        '21 calls',
        '31,500 tokens',
        'Keep blocked',
        'Release',
      ])
        assert.ok(text.includes(fact), fact);
      // A different session of the same user is not blocked.
      assert.equal((await check({ ...loop, session: 'agent-8' })).body.allow, true);
    });

    const click = (action: 'breaker_release' | 'breaker_keep', user: string, value: string, response: string) => {
      const payload = {
        type: 'block_actions',
        user: { id: user },
        team: { id: 'T0001' },
        api_app_id: 'A0001',
        trigger_id: `t-${response}`,
        container: { type: 'message', message_ts: '1.0', channel_id: 'C0AGENTS1' },
        channel: { id: 'C0AGENTS1' },
        message: { ts: '1.0', text: 'breaker' },
        response_url: slack.responseUrl(response),
        actions: [
          {
            type: 'button',
            action_id: action,
            block_id: 'breaker_decision',
            value,
            action_ts: String(Date.now() / 1000),
          },
        ],
      };
      return post(
        `${instances[1]!.base}/slack/events`,
        signed(SECRET, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded'),
      );
    };
    const answerTo = async (name: string) => {
      await slack.waitFor(() => slack.responses.some((response) => response.path === `/response/${name}`));
      return slack.responses.find((response) => response.path === `/response/${name}`)!.body;
    };

    it('refuses Release to a non-approver and changes nothing; an approver’s Release is audited and unblocks', async () => {
      clock = new Date('2026-11-23T11:05:00Z');
      const value = JSON.stringify({ identity: 'session:agent-7', trippedAt: Date.parse('2026-11-23T11:00:00Z') });
      const breaker = await instances[0]!.store.breaker('session:agent-7');
      assert.equal(breaker?.trippedAt.toISOString(), '2026-11-23T11:00:00.000Z');

      assert.equal((await click('breaker_release', 'U101', value, 'refused')).status, 200);
      const refused = await answerTo('refused');
      assert.equal(refused.replace_original, false);
      assert.match(refused.text, /Only the approvers of team agents and the admins/);
      const loop = { session: 'agent-7', user: 'U100', app: 'coder', fingerprint: 'sha256-0a1b2c3d4e5f' };
      assert.equal((await check(loop)).body.allow, false, 'still blocked');
      assert.deepEqual(
        await instances[0]!.store.breakerAudit().then((entries) => entries.map((entry) => entry.action)),
        ['tripped'],
      );

      await click('breaker_release', 'U900', value, 'released');
      const released = await answerTo('released');
      assert.equal(released.replace_original, true);
      assert.match(JSON.stringify(released.blocks), /Released by <@U900>/);
      const audit = await instances[1]!.store.breakerAudit();
      assert.deepEqual(
        audit.map((entry) => [entry.action, entry.actor, entry.identity]),
        [
          ['tripped', 'tokenwise', 'session:agent-7'],
          ['released', 'U900', 'session:agent-7'],
        ],
      );
      assert.equal((await check(loop, 1)).body.allow, true, 'released: the window counts afresh');

      await click('breaker_release', 'U900', value, 'twice');
      assert.match((await answerTo('twice')).text, /no longer blocking/);
    });

    it('keeps a tripped breaker across a restart of an instance (the state lives in the store)', async () => {
      clock = new Date('2026-11-23T12:00:00Z');
      const spend = { session: 'agent-9', user: 'U100', app: 'coder', usd: '1.10' };
      const answers = [];
      for (let n = 0; n < 5; n++) answers.push((await check(spend, n)).body.allow);
      assert.deepEqual(answers, [true, true, true, true, false], 'the fifth call would pass $5 in 10 minutes');
      await stopInstance(instances[0]!);
      await stopInstance(instances[0]!);
      await startInstance();
      clock = new Date('2026-11-23T12:20:00Z');
      const after = await check(spend);
      assert.equal(after.body.allow, false);
      assert.match(
        after.body.reason,
        /tripped for session agent-9 since 2026-11-23T12:00:00.000Z: \$5\.50 in 10 minutes, over the limit of \$5/,
      );
      // It resets by itself after the 30-minute cool-down, and counts afresh from then.
      clock = new Date('2026-11-23T12:30:00Z');
      assert.equal((await check(spend)).body.allow, true);
      await startInstance();
    });

    it('keeps a breaker blocked past its cool-down when an approver says so, until released', async () => {
      clock = new Date('2026-11-23T14:00:00Z');
      const spend = { session: 'agent-12', user: 'U101', app: 'coder', usd: '2.60' };
      assert.deepEqual([(await check(spend)).body.allow, (await check(spend, 1)).body.allow], [true, false]);
      const value = JSON.stringify({ identity: 'session:agent-12', trippedAt: clock.getTime() });
      await click('breaker_keep', 'UADMIN', value, 'kept');
      assert.match(JSON.stringify((await answerTo('kept')).blocks), /Kept blocked by <@UADMIN>.*breaker_release/);
      clock = new Date('2026-11-23T15:00:00Z');
      const blocked = await check(spend);
      assert.equal(blocked.body.allow, false, 'an hour later, past the 30-minute cool-down');
      assert.match(blocked.body.reason, /blocked until an approver releases it/);
      assert.equal(blocked.body.retryAfterSeconds, undefined);
      await click('breaker_release', 'U900', value, 'released-later');
      await answerTo('released-later');
      assert.equal((await check(spend)).body.allow, true);
      assert.deepEqual(
        (await instances[0]!.store.breakerAudit())
          .filter((entry) => entry.identity === 'session:agent-12')
          .map((entry) => [entry.action, entry.actor]),
        [
          ['tripped', 'tokenwise'],
          ['kept', 'UADMIN'],
          ['released', 'U900'],
        ],
      );
    });

    it('runs windows on through the autumn DST change in Berlin', async () => {
      // 2026-10-25 01:00 UTC: Berlin's clocks go back from 03:00 CEST to 02:00 CET.
      const loop = { session: 'agent-dst', user: 'U100', app: 'coder', fingerprint: 'sha256-ffeeddccbbaa' };
      const results: boolean[] = [];
      for (let n = 0; n < 21; n++) {
        clock = new Date(Date.parse('2026-10-25T00:55:00Z') + n * 25_000);
        results.push((await check(loop, n)).body.allow);
      }
      assert.deepEqual(
        results,
        [...Array(20).fill(true), false],
        '12 calls before the change and 9 after share one window',
      );
      // The first minute after the change is a minute like any other.
      clock = new Date('2026-10-25T01:00:20Z');
      const rate = await Promise.all(Array.from({ length: 120 }, (_, n) => check({ user: 'U-dst', app: 'batch' }, n)));
      assert.equal(rate.filter((answer) => answer.body.allow).length, 100);
      assert.ok(rate.filter((answer) => !answer.body.allow).every((answer) => answer.body.retryAfterSeconds === 40));
    });
  });
}

describe('Migration 4 on a ledger that already holds usage (SQLite)', () => {
  it('fills the environment roll-up from the stored events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenwise-migration-'));
    const file = join(dir, 'bot.db');
    try {
      const before = new SqliteStore(file);
      await before.ingest([
        ledgerEvent({ id: 'm1', environment: 'dev', inputTokens: 1000, outputTokens: 100 }),
        ledgerEvent({
          id: 'm2',
          environment: 'dev',
          inputTokens: 500,
          outputTokens: 50,
          day: '2026-11-21',
          time: Date.UTC(2026, 10, 21, 12),
        }),
        ledgerEvent({ id: 'm3', inputTokens: 10, outputTokens: 1 }),
      ]);
      // The ledger as version 3 left it: no environment rows, no guardrail tables.
      before.db.exec(`DELETE FROM usage_daily_by WHERE dimension = 'environment';
        DROP TABLE rate_counters; DROP TABLE breaker_calls; DROP TABLE breakers; DROP TABLE breaker_audit;
        DELETE FROM schema_migrations WHERE version = 4;`);
      await before.close();
      const after = new SqliteStore(file);
      const rows = await after.spend({
        fromDay: '2026-11-01',
        toDay: '2026-11-30',
        by: 'environment',
        filter: { dimension: 'environment', values: ['dev', ''] },
      });
      assert.deepEqual(
        rows.map((row) => [row.day, row.key, row.inputTokens, row.outputTokens]),
        [
          ['2026-11-20', '', 10, 1],
          ['2026-11-20', 'dev', 1000, 100],
          ['2026-11-21', 'dev', 500, 50],
        ],
      );
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
