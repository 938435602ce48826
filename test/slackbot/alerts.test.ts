// Alerts against real stores (SQLite and PostgreSQL) and the local Slack double: thresholds posted once per
// period and threshold (also after a restart), projected overruns with their date, unusual hourly spend with its
// driver.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { lastCompleteHour, parsePolicy } from '../../core';
import { alertQueue, runAlerts } from '../../slackbot/alerts/scheduler';
import { subjectsOf } from '../../slackbot/alerts/subjects';
import { loadConfig } from '../../slackbot/config';
import type { BotContext } from '../../slackbot/context';
import { localDay } from '../../slackbot/ledger';
import { createLog } from '../../slackbot/log';
import { openStore, type StoreLocation } from '../../slackbot/store';
import type { Store } from '../../slackbot/store/store';
import { ledgerEvent } from './support/ledger';
import { createTestDatabase } from './support/postgres';
import { SlackApiDouble } from './support/slackApi';

const USD = 1_000_000_000;
const TZ = 'Europe/Berlin';
// A Sunday: weekend days are compared with weekend days.
const NOW = new Date('2026-11-22T12:00:00Z');

const policy = parsePolicy(
  JSON.stringify({
    timeZone: TZ,
    teams: {
      search: { members: ['U100'], approvers: ['U900'], alertChannel: 'C0SEARCH1' },
      ads: { members: ['U200'], approvers: ['U900'] },
    },
    budgets: {
      teams: { search: { amountUsd: 100, thresholds: [50, 80, 100], hardCap: true }, ads: { amountUsd: 200 } },
    },
    alerts: { channels: ['C0ALERTS9'], thresholds: [50, 80, 100] },
  }),
  'tokenwise.config.json',
);

const kinds: Array<{ name: string; location: () => Promise<StoreLocation> }> = [
  {
    name: 'SQLite',
    location: async () => ({ kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'tokenwise-alerts-')), 'bot.db') }),
  },
  { name: 'PostgreSQL', location: async () => ({ kind: 'postgres', url: await createTestDatabase() }) },
];

let ids = 0;
function spent(
  time: string,
  costUsd: number,
  fields: { team?: string; user?: string; app?: string; model?: string; prompt?: string } = {},
) {
  const at = Date.parse(time);
  return ledgerEvent({
    id: `a${++ids}`,
    time: at,
    day: localDay(at, TZ),
    costNanos: Math.round(costUsd * USD),
    ...fields,
  });
}

describe('Alert check queue', () => {
  it('runs one check at a time and merges every check asked for meanwhile into one run after it', async () => {
    const runs: Array<{ teams: string[]; users: string[] } | 'all'> = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = alertQueue(
      async (subjects) => {
        runs.push(subjects ? { teams: [...subjects.teams].sort(), users: [...subjects.users].sort() } : 'all');
        if (runs.length === 1) await gate;
      },
      createLog('error', () => undefined),
    );
    const batch = (team: string, user: string) => subjectsOf([spent('2026-11-22T10:00:00Z', 1, { team, user })]);
    queue.check(batch('search', 'U100'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(runs.length, 1, 'the first check is running');
    for (let i = 0; i < 10; i++) queue.check(batch(i % 2 ? 'ads' : 'search', `U2${i % 3}`));
    release();
    await queue.idle();
    assert.deepEqual(runs, [
      { teams: ['search'], users: ['U100'] },
      { teams: ['ads', 'search'], users: ['U20', 'U21', 'U22'] },
    ]);
    queue.check(batch('ads', 'U200'));
    queue.check();
    await queue.idle();
    assert.deepEqual(runs.at(-1), 'all', 'a full check covers the ingest checks asked for with it');
    assert.equal(runs.length, 3);
  });

  it('lets new usage settle, so the checks a run of batches asks for make one run; a full check does not wait', async () => {
    const runs: Array<{ teams: string[] } | 'all'> = [];
    const queue = alertQueue(
      async (subjects) => {
        runs.push(subjects ? { teams: [...subjects.teams].sort() } : 'all');
      },
      createLog('error', () => undefined),
      1_000,
    );
    const batch = (team: string) => subjectsOf([spent('2026-11-22T10:00:00Z', 1, { team })]);
    queue.check(batch('search'));
    // Without settling, the first run would have started by now.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    queue.check(batch('ads'));
    await queue.idle();
    assert.deepEqual(runs, [{ teams: ['ads', 'search'] }]);
    queue.check(batch('data'));
    queue.check();
    await queue.idle();
    assert.deepEqual(runs.at(-1), 'all');
    assert.equal(runs.length, 2);
  });

  it('logs a failed run and runs the next check', async () => {
    const lines: string[] = [];
    let calls = 0;
    const queue = alertQueue(
      async () => {
        if (++calls === 1) throw new Error('store unavailable');
      },
      createLog('error', (line) => lines.push(line)),
    );
    queue.check();
    await queue.idle();
    queue.check();
    await queue.idle();
    assert.equal(calls, 2);
    assert.match(lines.join('\n'), /alert run failed; the next run tries again.*store unavailable/);
  });
});

describe('The hour an anomaly check judges', () => {
  it('is the last complete local hour, also where the offset is not whole hours or a DST change falls in it', () => {
    const hour = (at: string, zone: string) => {
      const { start, end, hour } = lastCompleteHour(new Date(at), zone);
      return [start.toISOString(), end.toISOString(), hour];
    };
    assert.deepEqual(hour('2026-11-22T12:00:00Z', TZ), ['2026-11-22T11:00:00.000Z', '2026-11-22T12:00:00.000Z', 12]);
    // 17:59 in Kolkata (UTC+5:30): the hour from 16:00 to 17:00 local.
    assert.deepEqual(hour('2026-11-22T12:29:00Z', 'Asia/Kolkata'), [
      '2026-11-22T10:30:00.000Z',
      '2026-11-22T11:30:00.000Z',
      16,
    ]);
    // Berlin, 29 March 2026: clocks go from 02:00 to 03:00 (at 01:00Z). Every hour is judged once, an hour long.
    assert.deepEqual(hour('2026-03-29T00:30:00Z', TZ), ['2026-03-28T23:00:00.000Z', '2026-03-29T00:00:00.000Z', 0]);
    assert.deepEqual(hour('2026-03-29T01:30:00Z', TZ), ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z', 1]);
    assert.deepEqual(hour('2026-03-29T02:30:00Z', TZ), ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z', 3]);
    // Berlin, 25 October 2026: clocks go back from 03:00 to 02:00 (at 01:00Z), so the local hour 02:00 comes twice.
    assert.deepEqual(hour('2026-10-25T00:30:00Z', TZ), ['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', 1]);
    assert.deepEqual(hour('2026-10-25T01:30:00Z', TZ), ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', 2]);
    assert.deepEqual(hour('2026-10-25T02:30:00Z', TZ), ['2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z', 2]);
    assert.deepEqual(hour('2026-10-25T03:30:00Z', TZ), ['2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z', 3]);
  });
});

for (const { name, location } of kinds) {
  describe(`Alerts (${name})`, function () {
    this.timeout(60_000);
    const slack = new SlackApiDouble();
    let where: StoreLocation;
    let store: Store;
    let bot: BotContext;
    let client: webApi.WebClient;

    const context = (s: Store): BotContext => ({
      config: loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
        INGEST_TOKEN: 'ingest-token-0123456789',
      }),
      store: s,
      policy,
      timeZone: TZ,
      log: createLog('error', () => undefined),
      now: () => NOW,
    });
    const posts = () => slack.calls.filter((call) => call.method === 'chat.postMessage');
    const thresholdPosts = () => posts().filter((call) => / has used /.test(String(call.body.text)));

    before(async () => {
      await slack.start();
      where = await location();
      store = await openStore(where);
      bot = context(store);
      client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    });

    after(async () => {
      await store.close();
      await slack.stop();
    });

    it('posts each threshold a team crosses once, to the team’s channel, with a View spend button', async () => {
      await store.ingest([spent('2026-11-20T10:00:00Z', 60, { team: 'search' })]);
      assert.equal((await runAlerts(bot, client)).thresholds, 1);
      const first = thresholdPosts();
      assert.equal(first.length, 1);
      assert.equal(first[0]!.body.channel, 'C0SEARCH1');
      assert.match(String(first[0]!.body.text), /Team search has used 50% of its monthly budget \(2026-11\)/);
      const button = JSON.stringify(first[0]!.body.blocks);
      assert.match(button, /alert_view_spend/);
      assert.match(button, /\[\\"team\\",\\"search\\",\\"month\\"\]/);
      assert.equal((await runAlerts(bot, client)).thresholds, 0, 'nothing new on the next run');

      await store.ingest([spent('2026-11-21T10:00:00Z', 45, { team: 'search' })]);
      await runAlerts(bot, client);
      const after = thresholdPosts().map((call) => String(call.body.text));
      assert.equal(after.length, 2, '80 % and 100 % crossed together: one message naming the highest');
      assert.match(after[1]!, /used 100%/);
      assert.match(JSON.stringify(thresholdPosts().at(-1)!.body.blocks), /hard cap is reached/);
      assert.deepEqual(slack.rejected, []);
    });

    it('does not post a crossing again after a restart (the dedupe is in the store)', async () => {
      await store.close();
      store = await openStore(where);
      bot = context(store);
      const before = posts().length;
      const run = await runAlerts(bot, client);
      assert.equal(run.thresholds, 0);
      assert.equal(thresholdPosts().length, 2);
      assert.equal(posts().length - before, run.forecasts + run.anomalies);
    });

    it('posts a projected overrun with its date, once per period, to the alert channels', async () => {
      // ads: $10 a day from 8 to 21 November against $200 a month → about $225 by the end of November.
      await store.ingest(
        Array.from({ length: 14 }, (_, i) =>
          spent(`2026-11-${String(8 + i).padStart(2, '0')}T09:00:00Z`, 10, { team: 'ads' }),
        ),
      );
      const run = await runAlerts(bot, client);
      assert.equal(run.forecasts, 1);
      const forecast = posts().find((call) => /^Team ads is projected/.test(String(call.body.text)))!;
      assert.equal(forecast.body.channel, 'C0ALERTS9');
      assert.match(String(forecast.body.text), /^Team ads is projected to pass its monthly budget on 2026-11-2[6-9]$/);
      assert.equal((await runAlerts(bot, client)).forecasts, 0);
    });

    it('posts an alert again on the next run when Slack refused it, and only then', async () => {
      // ads: $140 of $200 so far; $30 more passes 80 %.
      await store.ingest([spent('2026-11-10T09:00:00Z', 30, { team: 'ads' })]);
      slack.failures.push({ method: 'chat.postMessage', error: 'internal_error' });
      assert.equal((await runAlerts(bot, client)).thresholds, 0, 'the post failed');
      assert.deepEqual(slack.failures, []);
      assert.equal(
        posts().filter((call) => /^Team ads has used 80%/.test(String(call.body.text))).length,
        1,
        'the refused attempt',
      );
      assert.equal((await runAlerts(bot, client)).thresholds, 1);
      assert.equal(posts().filter((call) => /^Team ads has used 80%/.test(String(call.body.text))).length, 2);
      assert.equal((await runAlerts(bot, client)).thresholds, 0, 'posted once it got through');
    });

    it('does not post again an alert Slack refused for a reason that will not pass by itself', async () => {
      // ads: $170 of $200 so far; $30 more reaches 100 %.
      await store.ingest([spent('2026-11-10T10:00:00Z', 30, { team: 'ads' })]);
      slack.failures.push({ method: 'chat.postMessage', error: 'channel_not_found' });
      assert.equal((await runAlerts(bot, client)).thresholds, 0, 'the post failed');
      assert.equal((await runAlerts(bot, client)).thresholds, 0, 'not tried again');
      assert.equal(
        posts().filter((call) => /^Team ads has used 100%/.test(String(call.body.text))).length,
        1,
        'only the refused attempt',
      );
    });

    const weekendDays = [
      '2026-10-25',
      '2026-10-31',
      '2026-11-01',
      '2026-11-07',
      '2026-11-08',
      '2026-11-14',
      '2026-11-15',
      '2026-11-21',
    ];

    it('flags a person’s unusual hour against the same hour of their usual weekend days and names the app and model', async () => {
      // NOW is 13:00 in Berlin: the hour judged is 12:00–13:00 local, 11:00–12:00 UTC.
      await store.ingest(
        weekendDays.map((day) => spent(`${day}T11:10:00Z`, 2, { user: 'U300', app: 'chat', model: 'gpt-4o-mini' })),
      );
      await store.ingest([
        spent('2026-11-22T11:05:00Z', 2, { user: 'U300', app: 'chat', model: 'gpt-4o-mini' }),
        spent('2026-11-22T11:40:00Z', 20, { user: 'U300', app: 'triage', model: 'gpt-4o' }),
      ]);
      // A check after new usage of the current hour only leaves the judged hour alone.
      const laterUsage = {
        teams: new Set<string>(),
        users: new Set(['U300']),
        earliest: Date.parse('2026-11-22T12:00:00Z'),
        latest: Date.parse('2026-11-22T12:10:00Z'),
      };
      assert.equal((await runAlerts(bot, client, laterUsage)).anomalies, 0);
      const run = await runAlerts(bot, client);
      assert.equal(run.anomalies, 1);
      const alert = posts().find((call) => /Unusual spend: <@U300>/.test(String(call.body.text)))!;
      assert.equal(alert.body.channel, 'C0ALERTS9');
      assert.equal(alert.body.text, 'Unusual spend: <@U300>, 11.0× usual for this hour; app triage on model gpt-4o');
      assert.match(
        JSON.stringify(alert.body.blocks),
        /\$22 from 12:00 to 13:00 on 2026-11-22, against a usual \$2 \(median of the same hour on recent weekend days\)/,
      );
      // The button shows that day's spend, whenever it is clicked.
      assert.match(JSON.stringify(alert.body.blocks), /\[\\"user\\",\\"U300\\",\\"2026-11-22\\",\\"by\\",\\"app\\"\]/);
      assert.equal((await runAlerts(bot, client)).anomalies, 0, 'once per person and hour');
      await store.close();
      store = await openStore(where);
      bot = context(store);
      assert.equal((await runAlerts(bot, client)).anomalies, 0, 'also after a restart');
    });

    it('names the prompt that accounts for most of the rise when the events carry prompt ids', async () => {
      await store.ingest(
        weekendDays.map((day) =>
          spent(`${day}T11:10:00Z`, 2, { user: 'U600', app: 'desk', model: 'gpt-4o', prompt: 'src/reply.ts#reply' }),
        ),
      );
      await store.ingest([
        spent('2026-11-22T11:05:00Z', 2, { user: 'U600', app: 'desk', model: 'gpt-4o', prompt: 'src/reply.ts#reply' }),
        spent('2026-11-22T11:20:00Z', 3, { user: 'U600', app: 'desk', model: 'gpt-4o', prompt: 'src/reply.ts#reply' }),
        spent('2026-11-22T11:30:00Z', 15, {
          user: 'U600',
          app: 'desk',
          model: 'gpt-4o',
          prompt: 'src/triage.ts#triage',
        }),
        spent('2026-11-22T11:45:00Z', 9, { user: 'U600', app: 'desk', model: 'gpt-4o' }),
      ]);
      assert.equal((await runAlerts(bot, client)).anomalies, 1);
      const alert = posts().find((call) => /Unusual spend: <@U600>/.test(String(call.body.text)));
      assert.equal(
        alert?.body.text,
        'Unusual spend: <@U600>, 14.5× usual for this hour; app desk on model gpt-4o; prompt src/triage.ts#triage',
      );
    });

    it('judges each hour against its own usual hour, not the day', async () => {
      // U400 usually spends $30 in the morning and nothing at noon; today the same $30 came at noon.
      await store.ingest(
        weekendDays.map((day) => spent(`${day}T08:00:00Z`, 30, { user: 'U400', app: 'batch', model: 'gpt-4o' })),
      );
      await store.ingest([spent('2026-11-22T11:30:00Z', 30, { user: 'U400', app: 'batch', model: 'gpt-4o' })]);
      await runAlerts(bot, client);
      const alert = posts().find((call) => /Unusual spend: <@U400>/.test(String(call.body.text)));
      assert.equal(
        alert?.body.text,
        'Unusual spend: <@U400>, spend in an hour that usually has none; app batch on model gpt-4o',
      );
      // The next hour is judged afresh: U300's spend goes on at the same rate from 12:00 to 13:00 UTC.
      await store.ingest([spent('2026-11-22T12:20:00Z', 22, { user: 'U300', app: 'triage', model: 'gpt-4o' })]);
      const later = { ...bot, now: () => new Date(NOW.getTime() + 3_600_000) };
      assert.equal((await runAlerts(later, client)).anomalies, 1);
      assert.equal(posts().filter((call) => /Unusual spend: <@U300>/.test(String(call.body.text))).length, 2);
      assert.match(JSON.stringify(posts().at(-1)!.body.blocks), /from 13:00 to 14:00 on 2026-11-22/);
    });

    it('does not flag steady spend, nor a newcomer without history', async () => {
      await store.ingest([spent('2026-11-22T11:00:00Z', 30, { user: 'U777', app: 'chat' })]);
      await store.ingest(
        [...weekendDays, '2026-11-22'].map((day, i) =>
          spent(`${day}T11:15:00Z`, 5 + (i % 3), { user: 'U500', app: 'chat' }),
        ),
      );
      assert.equal((await runAlerts(bot, client)).anomalies, 0);
      assert.deepEqual(slack.rejected, []);
    });
  });
}
