// The bot over real HTTP: signed Slack requests in, Web API calls and response_url posts out to a local double.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../../core';
import { startBot, type RunningBot } from '../../slackbot/app';
import { loadConfig } from '../../slackbot/config';
import { createLog } from '../../slackbot/log';
import { openStore } from '../../slackbot/store';
import type { Store } from '../../slackbot/store/store';
import { createTestDatabase } from './support/postgres';
import { blockKitProblems, SlackApiDouble } from './support/slackApi';
import { post, signed, slashCommandBody } from './support/signing';
import { SECRET, testBot, TOKEN } from './support/testBot';

const NOW = new Date('2026-11-22T12:00:00Z');

const policy = parsePolicy(
  JSON.stringify({
    timeZone: 'Europe/Berlin',
    teams: { search: { members: ['U100'], approvers: ['U900'] } },
    budgets: { teams: { search: { amountUsd: 100 } } },
  }),
  'tokenwise.config.json',
);

function usage(id: string, fields: Record<string, unknown>) {
  return {
    id,
    time: '2026-11-20T10:00:00Z',
    provider: 'openai',
    model: 'gpt-4o',
    inputTokens: 1000,
    cacheReadTokens: 400,
    outputTokens: 200,
    ...fields,
  };
}

describe('Slack bot over HTTP', function () {
  this.timeout(20_000);
  const fixture = testBot({ policy, now: () => NOW, env: () => ({ LOG_LEVEL: 'error' }) });
  const { slack } = fixture;
  slack.emails = { U100: 'ada@example.com' };
  let responses = 0;

  const ingest = (body: string, token = TOKEN, type = 'application/json') =>
    fetch(`${fixture.base}/v1/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body,
    });

  const command = async (text: string, user = 'U100') => {
    const url = slack.responseUrl(`r${++responses}`);
    const response = await post(
      `${fixture.base}/slack/events`,
      signed(
        SECRET,
        slashCommandBody({ text, user_id: user, user_name: 'ada', response_url: url }),
        'application/x-www-form-urlencoded',
      ),
    );
    return { ...response, url };
  };

  const answerTo = async (url: string) => {
    const path = new URL(url).pathname;
    await slack.waitFor(() => slack.responses.some((response) => response.path === path) || slack.rejected.length > 0);
    assert.deepEqual(slack.rejected, []);
    return slack.responses.find((response) => response.path === path)!.body;
  };

  describe('POST /v1/usage', () => {
    it('refuses a missing or wrong bearer token', async () => {
      assert.equal((await ingest('[]', 'wrong-token-000000000')).status, 401);
      const response = await fetch(`${fixture.base}/v1/usage`, { method: 'POST', body: '[]' });
      assert.equal(response.status, 401);
    });

    it('stores nothing from a batch with an invalid row, and names every row and field', async () => {
      const response = await ingest(
        JSON.stringify([usage('ok-1', {}), usage('bad-1', { outputTokens: -5 }), usage('bad-2', { model: '' })]),
      );
      assert.equal(response.status, 400);
      const body = (await response.json()) as { stored: number; errors: Array<{ row: number; field: string }> };
      assert.equal(body.stored, 0);
      assert.deepEqual(
        body.errors.map((error) => `${error.row}:${error.field}`),
        ['1:outputTokens', '2:model'],
      );
      const rows = await fixture.store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' });
      assert.deepEqual(rows, []);
    });

    it('names an NDJSON line that is not JSON, and stores nothing', async () => {
      const body = [
        JSON.stringify(usage('n1', {})),
        '{"id": "n2",',
        JSON.stringify(usage('n3', { inputTokens: 'many' })),
      ].join('\n');
      const response = await ingest(body, TOKEN, 'application/x-ndjson');
      assert.equal(response.status, 400);
      const result = (await response.json()) as { errors: Array<{ row: number; field: string; message: string }> };
      assert.deepEqual(
        result.errors.map((error) => `${error.row}:${error.field}`),
        ['1:', '2:inputTokens'],
      );
      assert.match(result.errors[0]!.message, /not valid JSON/);
      assert.deepEqual(await fixture.store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' }), []);
    });

    it('takes JSON arrays and NDJSON, prices events without a cost, and counts a retried batch once', async () => {
      const batch = [
        usage('e1', { team: 'search', user: 'U100', costNanos: 2_000_000_000 }),
        usage('e2', {
          team: 'search',
          user: 'ada@example.com',
          costNanos: 1_000_000_000,
          time: '2026-11-21T09:00:00Z',
        }),
        usage('e3', {
          team: 'ads',
          user: 'U200',
          costNanos: 500_000_000,
          model: 'claude-sonnet-4-5',
          provider: 'anthropic',
        }),
      ];
      const first = await ingest(JSON.stringify(batch));
      assert.equal(first.status, 200);
      assert.deepEqual(await first.json(), { inserted: 3, duplicates: 0 });
      const retry = await ingest(batch.map((row) => JSON.stringify(row)).join('\n'), TOKEN, 'application/x-ndjson');
      assert.deepEqual(await retry.json(), { inserted: 0, duplicates: 3 });
      const priced = await ingest(
        JSON.stringify([usage('e4', { team: 'ads', app: 'ranker', time: '2026-11-22T08:00:00Z' })]),
      );
      assert.deepEqual(await priced.json(), { inserted: 1, duplicates: 0 });
      const rows = await fixture.store.spend({ fromDay: '2026-11-22', toDay: '2026-11-22', by: 'app' });
      assert.equal(rows.length, 1);
      assert.ok(rows[0]!.costNanos > 0, 'gpt-4o tokens are priced from the price table');
      assert.ok(existsSync(join(fixture.dir, 'bot.db-wal')), 'SQLite writes through its write-ahead log');
    });
  });

  describe('/tokens', () => {
    it('answers spend for a team through response_url, ephemeral, with totals, breakdown, trend and budget', async () => {
      const { status, url } = await command('spend team search 7d');
      assert.equal(status, 200);
      const answer = await answerTo(url);
      assert.equal(answer.response_type, 'ephemeral');
      const text = JSON.stringify(answer.blocks);
      assert.match(text, /\$3/, 'total of the two search events');
      assert.match(text, /Top people/);
      assert.match(text, /<@U100>/);
      assert.match(text, /Daily trend/);
      assert.match(text, /Budget 2026-11/);
      assert.match(text, /of \$100/);
    });

    it('shows each budget in force for the subject: the team’s with its approved increase, a person’s set in Slack', async () => {
      const at = new Date('2026-11-02T09:00:00Z');
      const request = await fixture.store.createQuotaRequest({
        team: 'search',
        requester: 'U100',
        unit: 'usd',
        amount: 50e9,
        until: null,
        expiresAt: null,
        reason: 'launch',
        at,
      });
      assert.equal(
        (await fixture.store.decideQuotaRequest({ action: 'approve', requestId: request.id, by: 'U900', at })).decided,
        true,
      );
      await fixture.store.setBudget(
        {
          scope: 'user',
          subject: 'U100',
          unit: 'tokens',
          period: 'month',
          limit: 10_000,
          thresholds: [80],
          hardCapPercent: null,
        },
        'U900',
        at,
      );
      const team = JSON.stringify((await answerTo((await command('spend team search')).url)).blocks);
      assert.match(team, /\(team search\): \$3 of \$150 — \*2%\*/, 'the $100 budget plus the approved $50');
      assert.match(team, /forecast \$\d+(\.\d\d)? by 2026-11-30/);
      // U100's events under their id and their email: 2 × (1,000 input + 200 output) tokens.
      const mine = JSON.stringify((await answerTo((await command('spend <@U100|ada>')).url)).blocks);
      assert.match(mine, /\(<@U100>\): 2,400 of 10,000 tokens — \*24%\*/);
      const organisation = JSON.stringify((await answerTo((await command('spend')).url)).blocks);
      assert.doesNotMatch(organisation, /Budget/, 'the policy sets no organisation budget');
    });

    it('acknowledges before the numbers are in, and answers through response_url once they are', async () => {
      const spend = fixture.store.spend.bind(fixture.store);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      fixture.store.spend = async (query) => {
        await gate;
        return spend(query);
      };
      try {
        const { status, text, url } = await command('spend team search');
        assert.equal(status, 200);
        assert.equal(text, '', 'an empty acknowledgement: the answer comes later');
        assert.equal(
          slack.responses.some((response) => response.path === new URL(url).pathname),
          false,
        );
        release();
        assert.match(JSON.stringify((await answerTo(url)).blocks), /Top people/);
      } finally {
        fixture.store.spend = spend;
      }
    });

    it('finds a Slack user under their id and their email, and posts publicly when asked', async () => {
      const { url } = await command('spend <@U100|ada> month by model public');
      const answer = await answerTo(url);
      assert.equal(answer.response_type, 'in_channel');
      assert.match(JSON.stringify(answer.blocks), /\$3/);
    });

    it('gives the usage message for help and for anything it does not understand, in the acknowledgement', async () => {
      const help = await command('help');
      assert.equal(help.status, 200);
      assert.match(help.text, /tokens spend/);
      assert.match(JSON.parse(help.text).response_type, /ephemeral/);
      assert.deepEqual(
        blockKitProblems(JSON.parse(help.text).blocks, 50),
        [],
        'an acknowledgement’s blocks keep the same limits',
      );
      const unknown = await command('frobnicate');
      assert.match(unknown.text, /I don't know/);
      const badArgument = await command('spend sideways');
      assert.match(badArgument.text, /I don't understand \\"sideways\\"/);
    });

    it('counts days and periods in the organisation’s time zone', async () => {
      // 23:30 UTC on 21 November is 00:30 on the 22nd in Berlin, the policy's time zone.
      const late = await ingest(
        JSON.stringify([usage('tz-1', { team: 'nightly', costNanos: 7_000_000_000, time: '2026-11-21T23:30:00Z' })]),
      );
      assert.equal(late.status, 200);
      assert.match(
        JSON.stringify((await answerTo((await command('spend team nightly today')).url)).blocks),
        /\*Total\*\\n\$7/,
      );
      assert.match(
        JSON.stringify((await answerTo((await command('spend team nightly yesterday')).url)).blocks),
        /\*Total\*\\n\$0/,
      );
    });

    it('reports a range core rejects as a friendly message', async () => {
      const { url } = await command('spend 2026-13');
      const answer = await answerTo(url);
      assert.match(answer.text, /month/);
    });
  });

  describe('signatures', () => {
    const spendBody = (name: string) =>
      slashCommandBody({ text: 'spend', user_id: 'U100', response_url: slack.responseUrl(name) });

    it('rejects a forged signature and runs nothing', async () => {
      const request = signed('not-the-secret-at-all-000', spendBody('forged'), 'application/x-www-form-urlencoded');
      assert.equal((await post(`${fixture.base}/slack/events`, request)).status, 401);
    });

    it('rejects a stale timestamp (over 5 minutes old) and runs nothing', async () => {
      const request = signed(
        SECRET,
        spendBody('stale'),
        'application/x-www-form-urlencoded',
        Math.floor(Date.now() / 1000) - 6 * 60,
      );
      assert.equal((await post(`${fixture.base}/slack/events`, request)).status, 401);
    });

    it('rejects a replayed request and runs it only once', async () => {
      const request = signed(SECRET, spendBody('replayed'), 'application/x-www-form-urlencoded');
      assert.equal((await post(`${fixture.base}/slack/events`, request)).status, 200);
      assert.equal((await post(`${fixture.base}/slack/events`, request)).status, 401);
      // Bolt ignores what follows the hash after a further '=': such a copy is the same request, refused too.
      for (const suffix of ['=', '=x', '==v0']) {
        const variant = {
          ...request,
          headers: { ...request.headers, 'x-slack-signature': `${request.headers['x-slack-signature']}${suffix}` },
        };
        assert.equal((await post(`${fixture.base}/slack/events`, variant)).status, 401, suffix);
      }
      // Refused before Bolt, so nothing can still be running for it once a later request is answered.
      assert.equal(
        (
          await post(
            `${fixture.base}/slack/events`,
            signed(SECRET, spendBody('after'), 'application/x-www-form-urlencoded'),
          )
        ).status,
        200,
      );
      await answerTo(slack.responseUrl('replayed'));
      await answerTo(slack.responseUrl('after'));
      assert.equal(slack.responses.filter((response) => response.path.endsWith('/replayed')).length, 1);
    });

    after(() => {
      for (const name of ['forged', 'stale'])
        assert.equal(slack.responses.filter((response) => response.path.endsWith(`/${name}`)).length, 0);
    });
  });

  describe('App Home', () => {
    it('publishes the user’s and their team’s month, each with its budget and forecast, within view limits', async () => {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: 'T0001',
        api_app_id: 'A0001',
        type: 'event_callback',
        event_id: 'Ev1',
        event_time: Math.floor(Date.now() / 1000),
        event: { type: 'app_home_opened', user: 'U100', channel: 'D1', tab: 'home', event_ts: '1.0' },
      });
      assert.equal((await post(`${fixture.base}/slack/events`, signed(SECRET, body, 'application/json'))).status, 200);
      await slack.waitFor(() => slack.calls.some((call) => call.method === 'views.publish'));
      const publish = slack.calls.find((call) => call.method === 'views.publish')!;
      assert.deepEqual(slack.rejected, [], 'the view keeps within Block Kit limits');
      assert.equal(publish.body.user_id, 'U100');
      const text = JSON.stringify(publish.body.view);
      assert.match(text, /Your LLM spend/);
      assert.match(text, /\(<@U100>\): 2,400 of 10,000 tokens/, 'the user’s own budget');
      assert.match(text, /Team search/);
      assert.match(text, /\(team search\): \$3 of \$150/, 'the team’s budget');
      assert.match(text, /forecast/);
    });

    it('refreshes from the Refresh button (an interaction payload)', async () => {
      const before = slack.calls.filter((call) => call.method === 'views.publish').length;
      const payload = JSON.stringify({
        type: 'block_actions',
        user: { id: 'U100' },
        team: { id: 'T0001' },
        api_app_id: 'A0001',
        trigger_id: '1.2',
        container: { type: 'view' },
        actions: [{ type: 'button', action_id: 'home_refresh', block_id: 'b', action_ts: '1' }],
      });
      const response = await post(
        `${fixture.base}/slack/events`,
        signed(SECRET, `payload=${encodeURIComponent(payload)}`, 'application/x-www-form-urlencoded'),
      );
      assert.equal(response.status, 200);
      await slack.waitFor(() => slack.calls.filter((call) => call.method === 'views.publish').length > before);
    });
  });
});

describe('Replayed Slack requests across instances on one PostgreSQL store', function () {
  this.timeout(60_000);
  const slack = new SlackApiDouble();
  const instances: Array<{ bot: RunningBot; store: Store }> = [];

  before(async () => {
    await slack.start();
    const url = await createTestDatabase();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      INGEST_TOKEN: TOKEN,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: url,
    });
    for (let i = 0; i < 2; i++) {
      const store = await openStore({ kind: 'postgres', url });
      instances.push({
        store,
        bot: await startBot({ config, store, policy, log: createLog('error', () => undefined), now: () => NOW }),
      });
    }
  });

  after(async () => {
    for (const { bot, store } of instances) {
      await bot.stop();
      await store.close();
    }
    await slack.stop();
  });

  const events = (i: number) => `http://127.0.0.1:${instances[i]!.bot.port}/slack/events`;
  const spend = (name: string) =>
    signed(
      SECRET,
      slashCommandBody({ text: 'spend', user_id: 'U100', response_url: slack.responseUrl(name) }),
      'application/x-www-form-urlencoded',
    );
  const answers = (name: string) => slack.responses.filter((response) => response.path === `/response/${name}`).length;

  it('refuses on the second instance a request the first one handled, and runs nothing for it', async () => {
    const request = spend('once');
    assert.equal((await post(events(0), request)).status, 200);
    const replay = await post(events(1), request);
    assert.equal(replay.status, 401);
    assert.match(replay.text, /replayed request/);
    assert.equal((await post(events(0), request)).status, 401, 'and on the first');
    // A fresh request through the second instance is answered: by then the replay would have been too.
    assert.equal((await post(events(1), spend('fresh'))).status, 200);
    await slack.waitFor(() => answers('once') > 0 && answers('fresh') > 0);
    assert.equal(answers('once'), 1);
  });
});
