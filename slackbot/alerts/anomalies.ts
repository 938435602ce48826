// Unusual spend per team and per person: today's spend so far against the median and MAD of the same identity's
// comparable days (weekdays against weekdays, weekend days against weekend days, over the last four weeks), from
// the daily roll-ups. Today's partial spend can only understate the day, so a day flagged at noon is certainly
// unusual. The alert names the app and the model that rose most. Posted once per identity and day.
import type { webApi } from '@slack/bolt';
import { daysIn, detectAnomaly, explainDriver, NANOS_PER_USD, periodContaining, type BreakdownRow } from '../../core';
import { anomalyBlocks, anomalyText, type AnomalyAlert } from '../blocks/alerts';
import type { BotContext } from '../context';
import type { Dimension, SpendRow } from '../store/store';
import { alertChannels, postAlert } from './channels';

const HISTORY_DAYS = 28;
/** The smallest rise over a usual day worth an alert. */
export const MIN_INCREASE_NANOS = NANOS_PER_USD;

const isWeekend = (day: string) => {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

function byKeyAndDay(rows: readonly SpendRow[]): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const days = result.get(row.key) ?? new Map<string, number>();
    days.set(row.day, (days.get(row.day) ?? 0) + row.costNanos);
    result.set(row.key, days);
  }
  return result;
}

/** What rose most today against the mean comparable day: the app and the model, named together. */
async function driverOf(bot: BotContext, dimension: 'team' | 'user', key: string, today: string, history: readonly string[]): Promise<string | undefined> {
  const names: string[] = [];
  for (const by of ['app', 'model'] as const satisfies readonly Dimension[]) {
    const rows = await bot.store.spend({ fromDay: history[0] ?? today, toDay: today, by, filter: { dimension, values: [key] } });
    const perKey = byKeyAndDay(rows);
    const now: BreakdownRow[] = [];
    const usual: BreakdownRow[] = [];
    for (const [value, days] of perKey) {
      const labels = { [by]: value || `(no ${by})` };
      now.push({ labels, amount: days.get(today) ?? 0 });
      usual.push({ labels, amount: history.reduce((sum, day) => sum + (days.get(day) ?? 0), 0) / Math.max(1, history.length) });
    }
    const driver = explainDriver(now, usual);
    if (driver) names.push(driver.text);
  }
  return names.length ? names.join(' on ') : undefined;
}

export async function anomalyAlerts(bot: BotContext, client: webApi.WebClient): Promise<number> {
  const now = bot.now();
  const today = periodContaining(now, 'day', bot.timeZone).key;
  const days = daysIn({ start: new Date(now.getTime() - HISTORY_DAYS * 86_400_000), end: now }, bot.timeZone);
  const comparable = days.filter((day) => day < today && isWeekend(day) === isWeekend(today));
  const dayKind = isWeekend(today) ? 'weekend day' : 'weekday';
  let sent = 0;
  for (const dimension of ['team', 'user'] as const) {
    const perKey = byKeyAndDay(await bot.store.spend({ fromDay: days[0]!, toDay: today, by: dimension }));
    for (const [key, spend] of perKey) {
      const current = spend.get(today) ?? 0;
      if (key === '' || current < MIN_INCREASE_NANOS) continue;
      // Days before the identity's first spend are not its usual: a new team has no history, not a zero one.
      const first = [...spend.keys()].sort()[0]!;
      const history = comparable.filter((day) => day >= first);
      const verdict = detectAnomaly({ current, history: history.map((day) => spend.get(day) ?? 0), minIncrease: MIN_INCREASE_NANOS });
      if (!verdict.anomalous) continue;
      const channels = alertChannels(bot, dimension, key);
      if (channels.length === 0 || !(await bot.store.claimAlert(`anomaly:${dimension}:${encodeURIComponent(key)}:${today}`, now))) continue;
      const alert: AnomalyAlert = {
        dimension,
        key,
        day: today,
        current,
        baseline: verdict.baseline,
        ratio: verdict.ratio,
        driver: await driverOf(bot, dimension, key, today, history),
        dayKind,
      };
      if (await postAlert(bot, client, channels, anomalyText(alert), anomalyBlocks(alert))) sent++;
    }
  }
  return sent;
}
