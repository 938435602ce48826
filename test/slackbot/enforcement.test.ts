// The enforcement hook over real HTTP (GET /v1/quota/check), the alerts' View spend button over signed Slack
// requests, and the LiteLLM budget sync against a local fake proxy.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy } from '../../core';
import { loadConfig } from '../../slackbot/config';
import type { BotContext } from '../../slackbot/context';
import type { CheckAnswer } from '../../slackbot/http/quotaCheck';
import { syncBudget } from '../../slackbot/litellm';
import { createLog } from '../../slackbot/log';
import { SqliteStore } from '../../slackbot/store/sqlite';
import { LiteLlmDouble } from './support/litellm';
import { post, signed, slashCommandBody } from './support/signing';
import { SECRET, testBot, TOKEN } from './support/testBot';

const NOW = new Date('2026-11-22T12:00:00Z');
const USD = 1_000_000_000;

const policy = parsePolicy(
  JSON.stringify({
    timeZone: 'Europe/Berlin',
    teams: { search: { members: ['U100'], approvers: ['U900'] }, ads: { members: ['U200'], approvers: ['U900'] } },
    budgets: { teams: { search: { tokens: 1_000_000, hardCap: true }, ads: { amountUsd: 300, period: 'week' } } },
  }),
  'tokenwise.config.json',
);

describe('Enforcement hook and alert actions over HTTP', function () {
  this.timeout(30_000);
  const fixture = testBot({
    policy,
    now: () => NOW,
    beforeStart: (store) =>
      store.setBudget(
        {
          scope: 'user',
          subject: 'U100',
          unit: 'usd',
          period: 'day',
          limit: 5 * USD,
          thresholds: [],
          hardCapPercent: 100,
        },
        'UADMIN',
        NOW,
      ),
  });
  const { slack } = fixture;

  const check = async (query: string, token = TOKEN) => {
    const response = await fetch(`${fixture.base}/v1/quota/check?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      body: (await response.json()) as CheckAnswer & { error?: string; field?: string },
    };
  };

  describe('GET /v1/quota/check', () => {
    it('refuses a missing or wrong bearer token', async () => {
      assert.equal((await check('team=search', 'wrong-token-0000000000')).status, 401);
      assert.equal((await fetch(`${fixture.base}/v1/quota/check?team=search`)).status, 401);
    });

    it('answers 400 naming the parameter for every bad query', async () => {
      for (const [query, field] of [
        ['team=search&tokens=abc', 'tokens'],
        ['team=search&tokens=-5', 'tokens'],
        ['team=search&usd=1e3', 'usd'],
        ['tokens=10', 'team'],
        ['team=', 'team'],
        ['team=search&team=ads', 'team'],
        ['team=search&prompt=hello', 'prompt'],
        ['team=search&fingerprint=rewrite%20this%20text', 'fingerprint'],
        ['team=search&inputTokens=1.5', 'inputTokens'],
        ['team=search&environment=9dev', 'environment'],
      ] as const) {
        const { status, body } = await check(query);
        assert.equal(status, 400, query);
        assert.equal(body.field, field, query);
        assert.match(body.error!, new RegExp(`^${field}: `), query);
      }
    });

    it('allows within every budget and gives what is left for the team and the user', async () => {
      const { status, body } = await check('team=search&user=U100&tokens=1000&usd=0.5');
      assert.equal(status, 200);
      assert.equal(body.allow, true);
      assert.deepEqual(body.team, { name: 'search', remaining: { tokens: 1_000_000 } });
      assert.deepEqual(body.user, { id: 'U100', remaining: { usdNanos: 5 * USD } });
      assert.deepEqual(body.remaining, { tokens: 1_000_000, usdNanos: 5 * USD });
    });

    it('counts acknowledged usage from the next check on, and denies what would pass a hard cap', async () => {
      const ingest = await fetch(`${fixture.base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            id: 'c1',
            time: '2026-11-22T10:00:00Z',
            provider: 'openai',
            model: 'gpt-4o',
            inputTokens: 900_000,
            outputTokens: 50_000,
            costNanos: 4 * USD,
            team: 'search',
            user: 'U100',
          },
        ]),
      });
      assert.equal(ingest.status, 200);
      const within = await check('user=U100&tokens=50000');
      assert.equal(within.body.allow, true, 'the team is found from the policy when only the user is given');
      assert.deepEqual(within.body.team, { name: 'search', remaining: { tokens: 50_000 } });
      const over = await check('user=U100&tokens=50001');
      assert.equal(over.body.allow, false);
      assert.match(over.body.reason, /would pass the hard cap of the monthly token budget of team search/);
      const dollars = await check('team=search&user=U100&usd=1.01');
      assert.equal(dollars.body.allow, false);
      assert.match(dollars.body.reason, /daily dollar budget of user U100/);
      assert.equal(dollars.body.user!.remaining.usdNanos, 1 * USD);
    });

    it('counts an approved increase at once', async () => {
      const request = await fixture.store.createQuotaRequest({
        team: 'search',
        requester: 'U100',
        unit: 'tokens',
        amount: 100_000,
        until: null,
        expiresAt: null,
        reason: 'launch',
        at: NOW,
      });
      await fixture.store.decideQuotaRequest({ action: 'approve', requestId: request.id, by: 'U900', at: NOW });
      const { body } = await check('team=search&tokens=100000');
      assert.equal(body.allow, true);
      assert.deepEqual(body.team!.remaining, { tokens: 150_000 });
    });

    it('allows a team with no budget, saying so', async () => {
      const { body } = await check('team=nobody&tokens=10');
      assert.equal(body.allow, true);
      assert.equal(body.reason, 'No budget applies');
    });
  });

  describe('View spend button', () => {
    const click = (value: string, name: string, secret = SECRET) => {
      const payload = JSON.stringify({
        type: 'block_actions',
        user: { id: 'U100' },
        team: { id: 'T0001' },
        api_app_id: 'A0001',
        trigger_id: '1.2',
        container: { type: 'message', channel_id: 'C0ALERTS9', message_ts: '1.0' },
        channel: { id: 'C0ALERTS9' },
        response_url: slack.responseUrl(name),
        actions: [{ type: 'button', action_id: 'alert_view_spend', block_id: 'b', action_ts: '1', value }],
      });
      return post(
        `${fixture.base}/slack/events`,
        signed(secret, `payload=${encodeURIComponent(payload)}`, 'application/x-www-form-urlencoded'),
      );
    };

    it('answers the clicker with the spend report the alert names', async () => {
      assert.equal((await click('["team","search","month"]', 'view1')).status, 200);
      await slack.waitFor(() => slack.responses.some((response) => response.path === '/response/view1'));
      const answer = slack.responses.find((response) => response.path === '/response/view1')!.body;
      assert.equal(answer.response_type, 'ephemeral');
      assert.equal(answer.replace_original, false);
      assert.match(JSON.stringify(answer.blocks), /Spend · Team search/);
      assert.match(JSON.stringify(answer.blocks), /\$4/);
    });

    it('says a button it cannot read is out of date', async () => {
      await click('{"not":"args"}', 'view2');
      await slack.waitFor(() => slack.responses.some((response) => response.path === '/response/view2'));
      assert.match(slack.responses.find((response) => response.path === '/response/view2')!.body.text, /out of date/);
    });

    it('rejects a forged signature and runs nothing', async () => {
      assert.equal((await click('["team","search","month"]', 'forged', 'not-the-secret-at-all-000')).status, 401);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(slack.responses.filter((response) => response.path === '/response/forged').length, 0);
    });
  });
});

describe('LiteLLM budget sync', function () {
  this.timeout(20_000);
  const litellm = new LiteLlmDouble('sk-master-0123456789');
  let dir: string;
  let store: SqliteStore;
  let bot: BotContext;
  const fast = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

  before(async () => {
    await litellm.start();
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-litellm-'));
    store = new SqliteStore(join(dir, 'bot.db'));
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      INGEST_TOKEN: TOKEN,
      LITELLM_URL: `${litellm.url}/`,
      LITELLM_KEY: litellm.key,
    });
    bot = {
      config,
      store,
      policy,
      timeZone: 'Europe/Berlin',
      log: createLog('error', () => undefined),
      now: () => NOW,
    };
  });

  after(async () => {
    await store.close();
    await litellm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs the key with the URL', () => {
    assert.throws(
      () =>
        loadConfig({
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_SIGNING_SECRET: SECRET,
          INGEST_TOKEN: TOKEN,
          LITELLM_URL: litellm.url,
        }),
      /LITELLM_KEY: is required with LITELLM_URL/,
    );
  });

  it('sends the team’s dollar budget in force with its duration, and again only when it changes', async () => {
    assert.equal(await syncBudget(bot, 'ads', { retry: fast }), 'synced');
    assert.deepEqual(litellm.updates.at(-1), { team_id: 'ads', max_budget: 300, budget_duration: '7d' });
    assert.equal(await syncBudget(bot, 'ads', { retry: fast }), 'unchanged');
    const request = await store.createQuotaRequest({
      team: 'ads',
      requester: 'U200',
      unit: 'usd',
      amount: 50.25 * USD,
      until: '2026-11-30',
      expiresAt: new Date('2026-11-30T23:00:00Z'),
      reason: 'eval run',
      at: NOW,
    });
    await store.decideQuotaRequest({ action: 'approve', requestId: request.id, by: 'U900', at: NOW });
    assert.equal(await syncBudget(bot, 'ads', { retry: fast }), 'synced');
    assert.deepEqual(litellm.updates.at(-1), { team_id: 'ads', max_budget: 350.25, budget_duration: '7d' });
  });

  it('retries 5xx and 429 answers, and skips teams with no dollar budget', async () => {
    litellm.failures = [503, 429];
    const before = litellm.attempts;
    assert.equal(await syncBudget(bot, 'ads', { force: true, retry: fast }), 'synced');
    assert.equal(litellm.attempts - before, 3);
    assert.equal(
      await syncBudget(bot, 'search', { retry: fast }),
      'skipped',
      'LiteLLM budgets are dollars; search has tokens only',
    );
  });

  it('does not retry a refused key, and reports the failure', async () => {
    const wrong: BotContext = { ...bot, config: { ...bot.config, litellm: { url: litellm.url, key: 'sk-wrong' } } };
    const before = litellm.attempts;
    await assert.rejects(syncBudget(wrong, 'ads', { force: true, retry: fast }), /401/);
    assert.equal(litellm.attempts - before, 1);
  });
});

describe('LiteLLM budget sync from Slack', function () {
  this.timeout(20_000);
  const litellm = new LiteLlmDouble('sk-master-0123456789');
  const fixture = testBot({
    policy,
    now: () => NOW,
    doubles: [litellm],
    env: () => ({
      TOKENWISE_ADMINS: 'UADMIN',
      LITELLM_URL: litellm.url,
      LITELLM_KEY: litellm.key,
      ALERT_INTERVAL_MINUTES: '1440',
    }),
  });
  const { slack } = fixture;

  // The check on start syncs the policy's budget; what follows comes from the decisions themselves.
  before(() => litellm.waitFor(() => litellm.updates.length > 0));

  it('sends a team budget set with /tokens budget set at once', async () => {
    const body = slashCommandBody({
      text: 'budget set team ads $500 per week',
      user_id: 'UADMIN',
      response_url: slack.responseUrl('set'),
    });
    assert.equal(
      (await post(`${fixture.base}/slack/events`, signed(SECRET, body, 'application/x-www-form-urlencoded'))).status,
      200,
    );
    await litellm.waitFor(() => litellm.updates.some((update) => update.max_budget === 500));
    assert.deepEqual(litellm.updates.at(-1), { team_id: 'ads', max_budget: 500, budget_duration: '7d' });
  });

  it('sends the raised budget as soon as an approver approves a request', async () => {
    const request = await fixture.store.createQuotaRequest({
      team: 'ads',
      requester: 'U200',
      unit: 'usd',
      amount: 50 * USD,
      until: null,
      expiresAt: null,
      reason: 'eval run',
      at: NOW,
    });
    const payload = JSON.stringify({
      type: 'block_actions',
      user: { id: 'U900' },
      team: { id: 'T0001' },
      api_app_id: 'A0001',
      trigger_id: '1.2',
      container: { type: 'message', channel_id: 'D900', message_ts: '1.0' },
      channel: { id: 'D900' },
      response_url: slack.responseUrl('approve'),
      actions: [
        { type: 'button', action_id: 'quota_approve', block_id: 'quota_decision', value: request.id, action_ts: '1' },
      ],
    });
    assert.equal(
      (
        await post(
          `${fixture.base}/slack/events`,
          signed(SECRET, `payload=${encodeURIComponent(payload)}`, 'application/x-www-form-urlencoded'),
        )
      ).status,
      200,
    );
    await litellm.waitFor(() => litellm.updates.some((update) => update.max_budget === 550));
    assert.deepEqual(litellm.updates.at(-1), { team_id: 'ads', max_budget: 550, budget_duration: '7d' });
    assert.equal((await fixture.store.quotaRequest(request.id))?.status, 'approved');
  });
});

describe('Alerts job in the running bot', function () {
  this.timeout(20_000);
  const withChannels = parsePolicy(
    JSON.stringify({
      timeZone: 'Europe/Berlin',
      teams: { ads: { members: ['U200'], approvers: ['U900'] } },
      budgets: { teams: { ads: { amountUsd: 10, period: 'week' } } },
      alerts: { channels: ['C0ALERTS9'] },
    }),
    'tokenwise.config.json',
  );
  const fixture = testBot({
    policy: withChannels,
    now: () => NOW,
    beforeStart: (store) =>
      store.ingest([
        {
          id: 'w1',
          time: Date.parse('2026-11-17T10:00:00Z'),
          day: '2026-11-17',
          source: 'api',
          provider: 'openai',
          model: 'gpt-4o',
          requests: 1,
          inputTokens: 10,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          cacheWrite1hTokens: 0,
          outputTokens: 1,
          reasoningTokens: 0,
          costNanos: 6 * USD,
          costSource: 'reported',
          team: 'ads',
          tags: [],
        },
      ]),
    // A day between ticks: every later alert comes from the check that follows an ingest.
    env: () => ({ ALERT_INTERVAL_MINUTES: '1440' }),
  });
  const { slack } = fixture;

  it('runs on start and posts a crossed threshold to the configured channel', async () => {
    await slack.waitFor(() => slack.calls.some((call) => call.method === 'chat.postMessage'));
    const [alert] = slack.calls.filter((call) => call.method === 'chat.postMessage');
    assert.equal(alert!.body.channel, 'C0ALERTS9');
    assert.equal(alert!.body.text, 'Team ads has used 50% of its weekly budget (2026-W47)');
  });

  it('checks right after an ingest: a batch passing 80 % is posted without waiting for the next tick', async () => {
    const batch = [0, 1, 2].map((i) => ({
      id: `burst-${i}`,
      time: '2026-11-18T10:00:00Z',
      provider: 'openai',
      model: 'gpt-4o',
      inputTokens: 10,
      outputTokens: 1,
      costNanos: 1 * USD,
      team: 'ads',
    }));
    // A burst of batches, the last one passing 80 % ($6 + $3 of $10); the checks they ask for are coalesced.
    const responses = await Promise.all(
      batch.map((event) =>
        fetch(`${fixture.base}/v1/usage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify([event]),
        }),
      ),
    );
    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200, 200],
    );
    await slack.waitFor(() =>
      slack.calls.some((call) => call.method === 'chat.postMessage' && /used 80%/.test(String(call.body.text))),
    );
    const posted = slack.calls.filter((call) => call.method === 'chat.postMessage').map((call) => call.body.text);
    assert.deepEqual(posted, [
      'Team ads has used 50% of its weekly budget (2026-W47)',
      'Team ads has used 80% of its weekly budget (2026-W47)',
    ]);
  });
});
