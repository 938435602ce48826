// Totals stay exact to the last nano-dollar or are refused, never rounded, over real HTTP on SQLite and PostgreSQL:
// per-event bounds at POST /v1/usage, and the sums in the store, `/tokens spend` and GET /v1/quota/check right up to
// Number.MAX_SAFE_INTEGER and an explicit refusal one nano-dollar past it.
import { strict as assert } from 'node:assert';
import { MAX_EVENT_COST_NANOS, parsePolicy } from '../../core';
import { openStore } from '../../slackbot/store';
import { storeKinds } from './support/stores';
import { post, signed, slashCommandBody } from './support/signing';
import { SECRET, testBot, TOKEN } from './support/testBot';

const NOW = new Date('2026-11-22T12:00:00Z');
const policy = parsePolicy(
  JSON.stringify({
    timeZone: 'UTC',
    teams: { big: { members: ['U100'], approvers: ['U900'] } },
    budgets: { organization: { amountUsd: 9_000_000, period: 'month', hardCap: true } },
  }),
  'tokenwise.config.json',
);

const event = (id: string, fields: Record<string, unknown>) => ({
  id,
  time: '2026-11-20T10:00:00Z',
  provider: 'openai',
  model: 'gpt-4o',
  inputTokens: 10,
  outputTokens: 1,
  team: 'big',
  ...fields,
});

for (const { name, location } of storeKinds) {
  describe(`Exact totals over HTTP (${name})`, function () {
    this.timeout(60_000);
    const fixture = testBot({
      policy,
      now: () => NOW,
      store: async (dir) => openStore(await location(dir)),
      env: () => ({ LOG_LEVEL: 'error' }),
    });
    let sequence = 0;

    const ingest = (rows: unknown[]) =>
      fetch(`${fixture.base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(rows),
      });
    const check = () =>
      fetch(`${fixture.base}/v1/quota/check?team=big`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const spend = async () => {
      const url = fixture.slack.responseUrl(`spend${++sequence}`);
      const response = await post(
        `${fixture.base}/slack/events`,
        signed(
          SECRET,
          slashCommandBody({ text: 'spend month', user_id: 'U100', response_url: url }),
          'application/x-www-form-urlencoded',
        ),
      );
      assert.equal(response.status, 200);
      const path = new URL(url).pathname;
      await fixture.slack.waitFor(() => fixture.slack.responses.some((r) => r.path === path));
      return fixture.slack.responses.find((r) => r.path === path)!.body;
    };

    it('refuses an event past the per-event bounds with 400 naming the row and field, and stores nothing', async () => {
      const response = await ingest([
        event('ok', {}),
        event('tokens', { inputTokens: 10_000_000_001 }),
        event('cost', { costNanos: MAX_EVENT_COST_NANOS + 1 }),
      ]);
      assert.equal(response.status, 400);
      const body = (await response.json()) as { errors: Array<{ row: number; field: string; message: string }> };
      assert.deepEqual(
        body.errors.map((error) => `${error.row}:${error.field}: ${error.message}`),
        [
          '1:inputTokens: must be at most 10,000,000,000 in one event',
          '2:costNanos: must be at most 1,000,000,000,000,000 ($1,000,000) in one event',
        ],
      );
      // Priced from the table rather than reported: 10^10 output tokens of gpt-4o cost $100,000 and pass; 10^10
      // output tokens of o1-pro ($600 per million) would cost $6,000,000 and do not.
      const priced = await ingest([event('priced', { model: 'o1-pro', inputTokens: 1, outputTokens: 10_000_000_000 })]);
      assert.equal(priced.status, 400);
      assert.match(
        JSON.stringify(await priced.json()),
        /"field":"costNanos","message":"priced at \$6,000,000[^"]* over the \$1,000,000 one event may cost: split it"/,
      );
      assert.deepEqual(await fixture.store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' }), []);
    });

    it('bounds the quota check’s usd like an event’s cost, naming the parameter', async () => {
      const over = await fetch(`${fixture.base}/v1/quota/check?team=big&usd=1000000.000000001`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(over.status, 400);
      assert.deepEqual(await over.json(), {
        error: 'usd: must be at most 1000000, the most one call may cost',
        field: 'usd',
      });
      const at = await fetch(`${fixture.base}/v1/quota/check?team=big&usd=1000000`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(at.status, 200);
    });

    it('refuses a batch whose own sum for one day and attribution passes 2^53, and stores none of it', async () => {
      const rows = Array.from({ length: 10 }, (_, i) => event(`sum-${i}`, { costNanos: MAX_EVENT_COST_NANOS }));
      const response = await ingest(rows);
      assert.equal(response.status, 413);
      assert.match(((await response.json()) as { error: string }).error, /pass 9007199254740991: split it/);
      assert.deepEqual(await fixture.store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' }), []);
    });

    it('sums to Number.MAX_SAFE_INTEGER nano-dollars exactly in the store, the report and the quota check', async () => {
      // 9 × $1,000,000 + 7,199,254,740,991 nano-dollars = 9,007,199,254,740,991, over three batches so the database adds.
      for (const batch of [
        [0, 1, 2, 3],
        [4, 5, 6, 7, 8],
      ])
        assert.equal(
          (await ingest(batch.map((i) => event(`m-${i}`, { costNanos: MAX_EVENT_COST_NANOS })))).status,
          200,
        );
      assert.equal((await ingest([event('m-last', { costNanos: 7_199_254_740_991 })])).status, 200);
      const [row] = await fixture.store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' });
      assert.equal(row!.costNanos, Number.MAX_SAFE_INTEGER);
      assert.equal(row!.requests, 10);

      const answer = (await (await check()).json()) as {
        allow: boolean;
        budgets: Array<{ used: number; limit: number; remaining: number }>;
      };
      assert.deepEqual(
        answer.budgets.map(({ used, limit, remaining }) => ({ used, limit, remaining })),
        [{ used: Number.MAX_SAFE_INTEGER, limit: 9e15, remaining: 0 }],
      );
      assert.equal(answer.allow, false);
      assert.match(JSON.stringify((await spend()).blocks), /\$9,007,199\.25/);
    });

    it('refuses, by name, to show a total one nano-dollar past it', async () => {
      assert.equal((await ingest([event('one-more', { costNanos: 1 })])).status, 200);
      const response = await check();
      assert.equal(response.status, 500);
      assert.match(
        ((await response.json()) as { error: string }).error,
        /a total passed 9,007,199,254,740,991 .* beyond which it would not be exact/,
      );
      assert.match((await spend()).text, /I can't show this exactly: a total passed 9,007,199,254,740,991/);
    });
  });
}
