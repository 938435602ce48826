// Reliability: the bot process killed with SIGKILL during ingest and during approvals, then restarted, on SQLite
// (WAL) and PostgreSQL: every acknowledged write is there and no batch or decision is half-stored. Forged and
// stale signatures on interactive actions and malformed payloads change nothing. Budget periods reset exactly at
// local midnight across DST changes in New York and Berlin.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { periodContaining, type PeriodKind } from '../../core';
import { parsePolicy } from '../../core';
import { loadConfig } from '../../slackbot/config';
import type { BotContext } from '../../slackbot/context';
import { quotaCheck } from '../../slackbot/http/quotaCheck';
import { localDay } from '../../slackbot/ledger';
import { createLog } from '../../slackbot/log';
import { openStore, type StoreLocation } from '../../slackbot/store';
import { SqliteStore } from '../../slackbot/store/sqlite';
import type { Store } from '../../slackbot/store/store';
import { startBotProcess, type BotProcess } from './support/botProcess';
import { ledgerEvent } from './support/ledger';
import { storeKinds } from './support/stores';
import { post, signed } from './support/signing';
import { SlackApiDouble } from './support/slackApi';
import { SECRET, testBot, TOKEN } from './support/testBot';

const POLICY = {
  timeZone: 'Europe/Berlin',
  teams: { search: { members: ['U100', 'U101'], approvers: ['U900'] } },
  budgets: { teams: { search: { amountUsd: 100 } } },
};

const BATCH = 100;
function batchOf(n: number) {
  return Array.from({ length: BATCH }, (_, i) => ({
    id: `k${n}-${i}`,
    time: new Date(Date.UTC(2026, 10, 2 + (n % 20), 9, i)).toISOString(),
    provider: 'openai',
    model: 'gpt-4o',
    inputTokens: 100,
    outputTokens: 10,
    costNanos: 1_000,
    team: 'search',
    user: 'U100',
  }));
}

const interaction = (payload: object) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const approveClick = (requestId: string, user: string, n: number) =>
  interaction({
    type: 'block_actions',
    user: { id: user },
    team: { id: 'T0001' },
    api_app_id: 'A0001',
    trigger_id: `t${n}`,
    container: { type: 'message', message_ts: '1.0', channel_id: 'D900' },
    channel: { id: 'D900' },
    message: { ts: '1.0', text: 'card' },
    actions: [
      {
        type: 'button',
        action_id: 'quota_approve',
        block_id: 'quota_decision',
        value: requestId,
        action_ts: String(Date.now() / 1000),
      },
    ],
  });

for (const { name, location } of storeKinds) {
  describe(`Bot killed with SIGKILL and restarted (${name})`, function () {
    this.timeout(120_000);
    const slack = new SlackApiDouble();
    let dir: string;
    let where: StoreLocation;
    let env: Record<string, string>;
    let running: BotProcess | undefined;

    before(async () => {
      await slack.start();
      dir = mkdtempSync(join(tmpdir(), 'tokenwise-crash-'));
      where = await location(dir);
      writeFileSync(join(dir, 'tokenwise.config.json'), JSON.stringify(POLICY));
      env = {
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        INGEST_TOKEN: TOKEN,
        PORT: '0',
        TOKENWISE_POLICY: join(dir, 'tokenwise.config.json'),
        LOG_LEVEL: 'info',
        ...(where.kind === 'postgres' ? { DATABASE_URL: where.url } : { TOKENWISE_DB: where.file }),
      };
    });

    afterEach(async () => {
      await running?.kill();
      running = undefined;
    });

    after(async () => {
      await slack.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const send = (port: number, n: number) =>
      fetch(`http://127.0.0.1:${port}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(batchOf(n)),
      });

    it('keeps every acknowledged ingest batch, and no batch in part', async () => {
      running = await startBotProcess(env);
      const port = running.port;
      const acknowledged: number[] = [];
      let next = 0;
      let killed = false;
      const sender = async () => {
        while (!killed) {
          const n = next++;
          try {
            const response = await send(port, n);
            if (response.status === 200 && ((await response.json()) as { inserted: number }).inserted === BATCH)
              acknowledged.push(n);
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const senders = [sender(), sender(), sender()];
      while (acknowledged.length < 15) await new Promise((resolve) => setTimeout(resolve, 5));
      killed = true;
      await running.kill();
      await Promise.all(senders);

      running = await startBotProcess(env);
      for (const n of acknowledged) {
        const retry = await send(running.port, n);
        assert.deepEqual(
          await retry.json(),
          { inserted: 0, duplicates: BATCH },
          `batch ${n} was acknowledged before the kill`,
        );
      }
      await running.kill();
      running = undefined;
      const store = await openStore(where);
      try {
        const rows = await store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' });
        const events = rows.reduce((sum, row) => sum + row.requests, 0);
        assert.ok(events >= acknowledged.length * BATCH);
        assert.equal(events % BATCH, 0, 'batches in flight at the kill are stored whole or not at all');
        assert.equal(
          rows.reduce((sum, row) => sum + row.costNanos, 0),
          events * 1_000,
          'the roll-ups match the events',
        );
      } finally {
        await store.close();
      }
    });

    it('keeps every announced decision during approval clicks, each with its grant and audit line', async () => {
      const store = await openStore(where);
      const ids: string[] = [];
      try {
        for (let i = 0; i < 30; i++) {
          const request = await store.createQuotaRequest({
            team: 'search',
            requester: 'U100',
            unit: 'usd',
            amount: (i + 1) * 1_000_000_000,
            until: null,
            expiresAt: null,
            reason: `r${i}`,
            at: new Date(),
          });
          ids.push(request.id);
        }
      } finally {
        await store.close();
      }
      running = await startBotProcess(env);
      const port = running.port;
      const dms = () =>
        slack.calls.filter((call) => call.method === 'chat.postMessage' && call.body.channel === 'U100').length;
      const before = dms();
      const clicks = ids.map((id, n) =>
        post(
          `http://127.0.0.1:${port}/slack/events`,
          signed(SECRET, approveClick(id, 'U900', n), 'application/x-www-form-urlencoded'),
        ).catch(() => undefined),
      );
      await slack.waitFor(() => dms() - before >= 5, 20_000);
      await running.kill();
      running = undefined;
      await Promise.all(clicks);
      // Each request asks for a different amount, so a DM names its request.
      const announced = slack.calls
        .filter(
          (call) =>
            call.method === 'chat.postMessage' &&
            call.body.channel === 'U100' &&
            / was approved\./.test(String(call.body.text)),
        )
        .map((call) => ids[Number(/\(\+\$(\d+)/.exec(String(call.body.text))![1]) - 1]!);

      const after = await openStore(where);
      try {
        const requests = await Promise.all(ids.map((id) => after.quotaRequest(id)));
        assert.ok(announced.length >= 5);
        for (const id of announced)
          assert.equal(
            requests[ids.indexOf(id)]!.status,
            'approved',
            `request ${id} was announced as approved before the kill`,
          );
        const grants = await after.grantsInForce(new Date(Date.now() + 1_000), { scope: 'team', subject: 'search' });
        const trail = await after.auditTrail({ team: 'search' });
        for (const request of requests) {
          const granted = grants.filter((grant) => grant.requestId === request!.id).length;
          const audited = trail.filter(
            (entry) => entry.requestId === request!.id && entry.action === 'approved',
          ).length;
          const decided = request!.status === 'approved' ? 1 : 0;
          assert.equal(request!.status === 'approved' || request!.status === 'pending', true);
          assert.equal(granted, decided, `request ${request!.id}: one grant exactly when approved`);
          assert.equal(audited, decided, `request ${request!.id}: one audit line exactly when approved`);
        }
      } finally {
        await after.close();
      }
    });
  });
}

describe('Forged, stale and malformed requests change nothing', function () {
  this.timeout(30_000);
  const NOW = new Date('2026-11-22T12:00:00Z');
  let requestId: string;
  const fixture = testBot({
    policy: parsePolicy(JSON.stringify(POLICY), 'tokenwise.config.json'),
    now: () => NOW,
    beforeStart: async (store) => {
      requestId = (
        await store.createQuotaRequest({
          team: 'search',
          requester: 'U100',
          unit: 'usd',
          amount: 5_000_000_000,
          until: null,
          expiresAt: null,
          reason: 'eval',
          at: NOW,
        })
      ).id;
    },
  });
  const { slack } = fixture;

  const unchanged = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await fixture.store.quotaRequest(requestId))!.status, 'pending');
    assert.deepEqual(await fixture.store.grantsInForce(NOW), []);
    assert.equal(
      slack.calls.filter((call) => call.method === 'chat.update' || call.method === 'chat.postMessage').length,
      0,
    );
  };

  it('rejects an Approve click with a forged signature', async () => {
    const response = await post(
      `${fixture.base}/slack/events`,
      signed('not-the-secret-at-all-000', approveClick(requestId, 'U900', 1), 'application/x-www-form-urlencoded'),
    );
    assert.equal(response.status, 401);
    await unchanged();
  });

  it('rejects an Approve click with a stale timestamp', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await post(
      `${fixture.base}/slack/events`,
      signed(SECRET, approveClick(requestId, 'U900', 2), 'application/x-www-form-urlencoded', stale),
    );
    assert.equal(response.status, 401);
    await unchanged();
  });

  it('rejects an Approve click whose body was altered after signing', async () => {
    const request = signed(SECRET, approveClick('another-request', 'U900', 3), 'application/x-www-form-urlencoded');
    const response = await post(`${fixture.base}/slack/events`, {
      ...request,
      body: approveClick(requestId, 'U900', 3),
    });
    assert.equal(response.status, 401);
    await unchanged();
  });

  it('answers malformed usage payloads with 400 and stores nothing', async () => {
    const bodies = [
      '{"id":',
      '[1, 2, 3]',
      '{}',
      '[{"id":"x","time":"yesterday","provider":"openai","model":"gpt-4o"}]',
      '[{"id":"y","time":"2026-11-20T10:00:00Z","provider":"openai","model":"gpt-4o","inputTokens":1e400}]',
      '',
    ];
    for (const body of bodies) {
      const response = await fetch(`${fixture.base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body,
      });
      assert.equal(response.status, 400, body);
    }
    assert.deepEqual(await fixture.store.spend({ fromDay: '2026-01-01', toDay: '2026-12-31', by: 'team' }), []);
  });
});

describe('Budget periods reset exactly at the local boundary across DST', () => {
  const cases: Array<{ zone: string; period: PeriodKind; inside: string; boundary: string; note: string }> = [
    {
      zone: 'America/New_York',
      period: 'day',
      inside: '2026-03-09T03:30:00Z',
      boundary: '2026-03-09T04:00:00Z',
      note: '8 March, a 23-hour day (EST → EDT)',
    },
    {
      zone: 'America/New_York',
      period: 'day',
      inside: '2026-11-02T04:30:00Z',
      boundary: '2026-11-02T05:00:00Z',
      note: '1 November, a 25-hour day (EDT → EST)',
    },
    {
      zone: 'America/New_York',
      period: 'week',
      inside: '2026-03-09T03:00:00Z',
      boundary: '2026-03-09T04:00:00Z',
      note: 'the ISO week with the spring change',
    },
    {
      zone: 'America/New_York',
      period: 'month',
      inside: '2026-11-01T03:00:00Z',
      boundary: '2026-11-01T04:00:00Z',
      note: 'October ends in EDT; the November change follows',
    },
    {
      zone: 'Europe/Berlin',
      period: 'day',
      inside: '2026-03-29T21:30:00Z',
      boundary: '2026-03-29T22:00:00Z',
      note: '29 March, a 23-hour day (CET → CEST)',
    },
    {
      zone: 'Europe/Berlin',
      period: 'day',
      inside: '2026-10-25T22:30:00Z',
      boundary: '2026-10-25T23:00:00Z',
      note: '25 October, a 25-hour day (CEST → CET)',
    },
    {
      zone: 'Europe/Berlin',
      period: 'week',
      inside: '2026-03-29T21:00:00Z',
      boundary: '2026-03-29T22:00:00Z',
      note: 'the week ending on the spring change',
    },
    {
      zone: 'Europe/Berlin',
      period: 'month',
      inside: '2026-10-31T22:00:00Z',
      boundary: '2026-10-31T23:00:00Z',
      note: 'October, with the autumn change',
    },
  ];

  for (const { zone, period, inside, boundary, note } of cases) {
    it(`${zone} ${period}: ${note}`, async () => {
      const store: Store = new SqliteStore(':memory:');
      let now = new Date(inside);
      const bot: BotContext = {
        config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, INGEST_TOKEN: TOKEN }),
        store,
        policy: parsePolicy(
          JSON.stringify({ timeZone: zone, teams: { search: { members: ['U100'], approvers: ['U900'] } } }),
          'tokenwise.config.json',
        ),
        timeZone: zone,
        log: createLog('error', () => undefined),
        now: () => now,
      };
      try {
        assert.equal(
          periodContaining(new Date(inside), period, zone).end.toISOString(),
          new Date(boundary).toISOString(),
          'the period ends at local midnight',
        );
        await store.setBudget(
          {
            scope: 'team',
            subject: 'search',
            unit: 'tokens',
            period,
            limit: 1_000,
            thresholds: [],
            hardCapPercent: 100,
          },
          'UADMIN',
          new Date(inside),
        );
        const at = Date.parse(inside);
        await store.ingest([
          ledgerEvent({
            id: 'last-of-period',
            time: at,
            day: localDay(at, zone),
            inputTokens: 900,
            cacheReadTokens: 0,
            outputTokens: 100,
            team: 'search',
          }),
        ]);

        now = new Date(Date.parse(boundary) - 1);
        const before = await quotaCheck(bot, { team: 'search', tokens: 1 });
        assert.equal(before.allow, false, 'the last millisecond of the period still counts its use');
        assert.equal(before.team!.remaining.tokens, 0);

        now = new Date(boundary);
        const after = await quotaCheck(bot, { team: 'search', tokens: 1_000 });
        assert.equal(after.allow, true, 'the budget resets at the boundary itself');
        assert.equal(after.team!.remaining.tokens, 1_000);
      } finally {
        await store.close();
      }
    });
  }
});
