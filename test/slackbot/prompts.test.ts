// Prompt ids end to end over real HTTP on SQLite and PostgreSQL: usage events carrying them are ingested through
// POST /v1/usage, read back through GET /v1/usage/prompts (its own token, the ledger's days, 400 naming each bad
// parameter) and through signed `/tokens spend by prompt`, `/tokens spend prompt ID` and the spend report's top
// prompts, linked to their files in the configured repository.
import { strict as assert } from 'node:assert';
import { formatUsd, observedUsageSchema, parsePolicy } from '../../core';
import { openStore } from '../../slackbot/store';
import { storeKinds } from './support/stores';
import { post, signed, slashCommandBody } from './support/signing';
import { SECRET, testBot, TOKEN } from './support/testBot';

// 23:30 UTC is already the 23rd in Berlin: the default window is the Berlin days 16–22, not the UTC days 15–21.
const NOW = new Date('2026-11-22T23:30:00Z');
const READ_TOKEN = 'read-token-0123456789';
const policy = parsePolicy(JSON.stringify({ timeZone: 'Europe/Berlin' }), 'tokenwise.config.json');
const TRIAGE = 'src/triage.ts#triageTicket';
const DIGEST = 'Weekly digest';
const TRIAGE_LINK = 'https://github.com/acme/app/blob/main/src/triage.ts';

const event = (id: string, fields: Record<string, unknown>) => ({
  id,
  provider: 'openai',
  model: 'gpt-4o',
  inputTokens: 100,
  outputTokens: 10,
  ...fields,
});

const EVENTS = [
  event('triage-1', {
    time: '2026-11-20T10:00:00Z',
    app: 'support',
    prompt: TRIAGE,
    inputTokens: 1000,
    cacheReadTokens: 200,
    outputTokens: 100,
    costNanos: 5_000_000,
  }),
  // The 16th in Berlin, the 15th in UTC.
  event('triage-2', {
    time: '2026-11-15T23:30:00Z',
    app: 'support',
    prompt: TRIAGE,
    inputTokens: 500,
    outputTokens: 50,
    costNanos: 3_000_000,
  }),
  event('digest', { time: '2026-11-18T09:00:00Z', app: 'digest', prompt: DIGEST, requests: 4, costNanos: 1_000_000 }),
  event('untagged', { time: '2026-11-19T09:00:00Z', app: 'support', costNanos: 10_000_000 }),
  // Today in Berlin: not a complete day, so outside the default window.
  event('triage-today', { time: '2026-11-22T23:10:00Z', app: 'support', prompt: TRIAGE, costNanos: 7_000_000 }),
];

for (const { name, location } of storeKinds) {
  describe(`Prompt ids over HTTP (${name})`, function () {
    this.timeout(60_000);
    const fixture = testBot({
      policy,
      now: () => NOW,
      store: async (dir) => openStore(await location(dir)),
      env: () => ({ READ_TOKEN, REPOSITORY_URL: 'https://github.com/acme/app' }),
    });
    let sequence = 0;

    const ingest = (rows: unknown[]) =>
      fetch(`${fixture.base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(rows),
      });
    const read = (query: string, token = READ_TOKEN) =>
      fetch(`${fixture.base}/v1/usage/prompts${query}`, { headers: { authorization: `Bearer ${token}` } });
    const command = (text: string) =>
      post(
        `${fixture.base}/slack/events`,
        signed(
          SECRET,
          slashCommandBody({ text, user_id: 'U100', response_url: fixture.slack.responseUrl(`prompt${++sequence}`) }),
          'application/x-www-form-urlencoded',
        ),
      );
    /** The answer `/tokens spend …` sends through its response_url. */
    const spend = async (text: string) => {
      const response = await command(`spend ${text}`);
      assert.equal(response.status, 200);
      const path = new URL(fixture.slack.responseUrl(`prompt${sequence}`)).pathname;
      await fixture.slack.waitFor(() => fixture.slack.responses.some((r) => r.path === path));
      const body = fixture.slack.responses.find((r) => r.path === path)!.body;
      return { body, blocks: JSON.stringify(body.blocks) };
    };

    it('refuses an event with a bad prompt id with 400 naming the row and field, and stores nothing', async () => {
      const response = await ingest([
        EVENTS[0],
        event('long', { time: '2026-11-20T10:00:00Z', prompt: `src/${'a'.repeat(600)}.ts#x` }),
        event('control', { time: '2026-11-20T10:00:00Z', prompt: 'src/a.ts#x\u001b[31mred' }),
        event('bidi', { time: '2026-11-20T10:00:00Z', prompt: 'src/a.ts#x\u202egnp.exe' }),
        event('zero-width', { time: '2026-11-20T10:00:00Z', prompt: 'src/a.ts#x\u200by' }),
      ]);
      assert.equal(response.status, 400);
      const body = (await response.json()) as { stored: number; errors: Array<{ row: number; field: string }> };
      assert.equal(body.stored, 0);
      assert.deepEqual(
        body.errors.map((error) => `${error.row}:${error.field}`),
        ['1:prompt', '2:prompt', '3:prompt', '4:prompt'],
      );
      assert.deepEqual(await fixture.store.promptUsage({ fromDay: '2026-11-01', toDay: '2026-11-30', app: null }), []);
      assert.deepEqual(await fixture.store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'app' }), []);
    });

    it('answers per prompt id over the last 7 complete days in the ledger’s time zone', async () => {
      assert.equal((await ingest(EVENTS)).status, 200);
      const response = await read('');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json');
      const body = observedUsageSchema.strict().parse(await response.json());
      assert.deepEqual(body, {
        app: null,
        from: '2026-11-16',
        to: '2026-11-22',
        days: 7,
        prompts: [
          {
            prompt: TRIAGE,
            calls: 2,
            callsPerDay: 2 / 7,
            inputTokens: 1500,
            cacheReadTokens: 200,
            outputTokens: 150,
            costNanos: 8_000_000,
          },
          {
            prompt: DIGEST,
            calls: 4,
            callsPerDay: 4 / 7,
            inputTokens: 100,
            cacheReadTokens: 0,
            outputTokens: 10,
            costNanos: 1_000_000,
          },
        ],
      });
    });

    it('limits the answer to one app and to the days asked for', async () => {
      const digest = observedUsageSchema.parse(await (await read('?app=digest')).json());
      assert.equal(digest.app, 'digest');
      assert.deepEqual(
        digest.prompts.map((prompt) => prompt.prompt),
        [DIGEST],
      );
      const today = observedUsageSchema.parse(await (await read('?from=2026-11-23&to=2026-11-23')).json());
      assert.deepEqual(
        { days: today.days, prompts: today.prompts.map((p) => [p.prompt, p.calls, p.costNanos]) },
        { days: 1, prompts: [[TRIAGE, 1, 7_000_000]] },
      );
      const year = observedUsageSchema.parse(await (await read('?from=2025-11-23&to=2026-11-23')).json());
      assert.equal(year.days, 366);
      assert.equal(year.prompts[0]!.callsPerDay, 3 / 366);
      const nothing = observedUsageSchema.parse(await (await read('?app=nobody&from=2026-11-01')).json());
      assert.deepEqual([nothing.from, nothing.to, nothing.prompts], ['2026-11-01', '2026-11-22', []]);
    });

    it('answers 400 naming the parameter for each bad one', async () => {
      const cases: Array<[string, string]> = [
        ['?from=2026-13-01', 'from'],
        ['?to=yesterday', 'to'],
        ['?app=', 'app'],
        [`?app=${'a'.repeat(201)}`, 'app'],
        ['?from=2026-11-20&to=2026-11-10', 'from'],
        ['?from=2025-01-01&to=2026-11-22', 'from'],
        ['?team=search', 'team'],
        ['?app=a&app=b', 'app'],
      ];
      for (const [query, field] of cases) {
        const response = await read(query);
        assert.equal(response.status, 400, query);
        const body = (await response.json()) as { error: string; field: string };
        assert.equal(body.field, field, query);
        assert.ok(body.error.startsWith(`${field}: `), body.error);
      }
    });

    it('takes only its own bearer token, and only GET', async () => {
      for (const token of ['wrong-token-0123456789', TOKEN]) {
        const response = await read('', token);
        assert.equal(response.status, 401);
        assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      }
      const anonymous = await fetch(`${fixture.base}/v1/usage/prompts`);
      assert.equal(anonymous.status, 401);
      const posted = await fetch(`${fixture.base}/v1/usage/prompts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${READ_TOKEN}` },
        body: '[]',
      });
      assert.equal(posted.status, 405);
      assert.equal(posted.headers.get('allow'), 'GET');
      const readIngest = await fetch(`${fixture.base}/v1/usage`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(readIngest.status, 405);
      assert.equal(readIngest.headers.get('allow'), 'POST');
      assert.equal((await fetch(`${fixture.base}/v1/usage/nothing`)).status, 404);
      // The read token writes nothing.
      const written = await fetch(`${fixture.base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${READ_TOKEN}` },
        body: JSON.stringify([EVENTS[0]]),
      });
      assert.equal(written.status, 401);
    });

    it('ranks `/tokens spend by prompt`, linking ids that name a file and counting calls without one', async () => {
      const { body, blocks } = await spend('by prompt 2026-11-16..2026-11-22');
      assert.equal(body.response_type, 'ephemeral');
      const lines = JSON.parse(blocks).find((block: { text?: { text: string } }) =>
        block.text?.text.startsWith('*Top prompts*'),
      ).text.text as string;
      assert.deepEqual(lines.split('\n'), [
        '*Top prompts*',
        `1. _no prompt_ — ${formatUsd(10_000_000)} (53%) · 110 tokens`,
        `2. <${TRIAGE_LINK}|${TRIAGE}> — ${formatUsd(8_000_000)} (42%) · 1.7K tokens`,
        `3. ${DIGEST} — ${formatUsd(1_000_000)} (5%) · 110 tokens`,
      ]);
    });

    it('answers `/tokens spend prompt ID` with its spend by model and day and a link to its file', async () => {
      const { body, blocks } = await spend(`prompt ${TRIAGE} 2026-11-16..2026-11-22`);
      assert.match(body.text, new RegExp(`Spend for Prompt ${TRIAGE}, .*: \\${formatUsd(8_000_000)}`));
      assert.ok(blocks.includes(`File: <${TRIAGE_LINK}|src/triage.ts>`), blocks);
      assert.ok(blocks.includes(`*Top models*\\n1. gpt-4o — ${formatUsd(8_000_000)} (100%)`), blocks);
      assert.ok(blocks.includes('*Calls*\\n2'), blocks);
      const byApp = await spend(`prompt ${TRIAGE} by app 2026-11-16..2026-11-22`);
      assert.ok(byApp.blocks.includes('*Top apps*\\n1. support —'), byApp.blocks);
      const unknown = await spend('prompt src/never.ts#called 7d');
      assert.ok(unknown.blocks.includes('No usage event named this prompt id in this range'), unknown.blocks);
    });

    it('answers a bad prompt id with what is wrong with it', async () => {
      const response = await command('spend prompt src/a.ts#x\u202egnp.exe');
      assert.equal(response.status, 200);
      assert.match(
        JSON.parse(response.text).text,
        /That prompt id won't do: it must not contain invisible or text-direction characters/,
      );
    });

    it('names the top prompts in the organisation’s and an app’s spend report', async () => {
      const org = await spend('2026-11-16..2026-11-22');
      assert.ok(org.blocks.includes('*Top teams*'), org.blocks);
      assert.ok(
        org.blocks.includes(
          `*Top prompts*\\n1. <${TRIAGE_LINK}|${TRIAGE}> — ${formatUsd(8_000_000)} (42%) · 1.7K tokens\\n2. ${DIGEST} — ${formatUsd(1_000_000)} (5%)`,
        ),
        org.blocks,
      );
      const app = await spend('app support 2026-11-16..2026-11-22');
      assert.ok(
        app.blocks.includes(`*Top prompts*\\n1. <${TRIAGE_LINK}|${TRIAGE}> — ${formatUsd(8_000_000)} (44%)`),
        app.blocks,
      );
      assert.ok(!app.blocks.includes(DIGEST), app.blocks);
      const untagged = await spend('app nobody 2026-11-16..2026-11-22');
      assert.ok(!untagged.blocks.includes('Top prompts'), untagged.blocks);
    });
  });
}

describe('Read API switched off', function () {
  this.timeout(60_000);
  const fixture = testBot({ policy, now: () => NOW });

  it('answers 404 saying the read API is off when READ_TOKEN is unset, whatever the token', async () => {
    for (const token of [TOKEN, READ_TOKEN]) {
      const response = await fetch(`${fixture.base}/v1/usage/prompts`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 404);
      assert.match(((await response.json()) as { error: string }).error, /read API is off/);
    }
  });
});
