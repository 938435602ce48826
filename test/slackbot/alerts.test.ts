// Alerts against real stores (SQLite and PostgreSQL) and the local Slack double: thresholds posted once per
// period and threshold (also after a restart), projected overruns with their date, unusual spend with its driver.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { parsePolicy } from '../../core';
import { runAlerts } from '../../slackbot/alerts/scheduler';
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
    budgets: { teams: { search: { amountUsd: 100, thresholds: [50, 80, 100], hardCap: true }, ads: { amountUsd: 200 } } },
    alerts: { channels: ['C0ALERTS9'], thresholds: [50, 80, 100] },
  }),
  'tokenwise.config.json',
);

const kinds: Array<{ name: string; location: () => Promise<StoreLocation> }> = [
  { name: 'SQLite', location: async () => ({ kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'tokenwise-alerts-')), 'bot.db') }) },
  { name: 'PostgreSQL', location: async () => ({ kind: 'postgres', url: await createTestDatabase() }) },
];

let ids = 0;
function spent(time: string, costUsd: number, fields: { team?: string; user?: string; app?: string; model?: string } = {}) {
  const at = Date.parse(time);
  return ledgerEvent({ id: `a${++ids}`, time: at, day: localDay(at, TZ), costNanos: Math.round(costUsd * USD), ...fields });
}

for (const { name, location } of kinds) {
  describe(`Alerts (${name})`, function () {
    this.timeout(60_000);
    const slack = new SlackApiDouble();
    let where: StoreLocation;
    let store: Store;
    let bot: BotContext;
    let client: webApi.WebClient;

    const context = (s: Store): BotContext => ({
      config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789', INGEST_TOKEN: 'ingest-token-0123456789' }),
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
      await store.ingest(Array.from({ length: 14 }, (_, i) => spent(`2026-11-${String(8 + i).padStart(2, '0')}T09:00:00Z`, 10, { team: 'ads' })));
      const run = await runAlerts(bot, client);
      assert.equal(run.forecasts, 1);
      const forecast = posts().find((call) => /^Team ads is projected/.test(String(call.body.text)))!;
      assert.equal(forecast.body.channel, 'C0ALERTS9');
      assert.match(String(forecast.body.text), /^Team ads is projected to pass its monthly budget on 2026-11-2[6-9]$/);
      assert.equal((await runAlerts(bot, client)).forecasts, 0);
    });

    it('flags a person’s unusual day against their usual weekend days and names the app and model', async () => {
      const weekendDays = ['2026-10-25', '2026-10-31', '2026-11-01', '2026-11-07', '2026-11-08', '2026-11-14', '2026-11-15', '2026-11-21'];
      await store.ingest(weekendDays.map((day) => spent(`${day}T10:00:00Z`, 2, { user: 'U300', app: 'chat', model: 'gpt-4o-mini' })));
      await store.ingest([spent('2026-11-22T09:00:00Z', 2, { user: 'U300', app: 'chat', model: 'gpt-4o-mini' }), spent('2026-11-22T10:00:00Z', 20, { user: 'U300', app: 'triage', model: 'gpt-4o' })]);
      const run = await runAlerts(bot, client);
      assert.equal(run.anomalies, 1);
      const alert = posts().find((call) => /Unusual spend/.test(String(call.body.text)))!;
      assert.equal(alert.body.channel, 'C0ALERTS9');
      assert.equal(alert.body.text, 'Unusual spend: <@U300>, 11.0× usual for a weekend day; app triage on model gpt-4o');
      assert.equal((await runAlerts(bot, client)).anomalies, 0, 'once per person and day');
    });

    it('does not flag steady spend, nor a newcomer without history', async () => {
      await store.ingest([spent('2026-11-22T11:00:00Z', 30, { user: 'U777', app: 'chat' })]);
      const weekendDays = ['2026-10-25', '2026-10-31', '2026-11-01', '2026-11-07', '2026-11-08', '2026-11-14', '2026-11-15', '2026-11-21', '2026-11-22'];
      await store.ingest(weekendDays.map((day, i) => spent(`${day}T10:00:00Z`, 5 + (i % 3), { user: 'U500', app: 'chat' })));
      assert.equal((await runAlerts(bot, client)).anomalies, 0);
      assert.deepEqual(slack.rejected, []);
    });
  });
}
