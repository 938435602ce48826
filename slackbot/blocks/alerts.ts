// Block Kit for alerts: a budget threshold crossed, unusual spend with what drove it, and a projected overrun.
// Each carries a "View spend" button whose value is the `/tokens spend` arguments that show the subject's spend.
import type { types } from '@slack/bolt';
import { formatAmount, formatUsd, type Budget } from '../../core';
import { localDay } from '../ledger';
import { periodWord, scopeLabel } from './quota';
import { clip, keyLabel, LIMITS, progressBar } from './text';

type KnownBlock = types.KnownBlock;

export const ALERT_ACTIONS = { viewSpend: 'alert_view_spend' } as const;

export interface ThresholdAlert {
  budget: Budget;
  /** The highest threshold newly crossed (percent). */
  threshold: number;
  periodKey: string;
  limit: number;
  used: number;
  /** Use has reached the hard cap: requests are now denied. */
  overHardCap: boolean;
}

export interface AnomalyAlert {
  dimension: 'team' | 'user';
  key: string;
  /** The local day and hour of day (0–23) of the hour judged. */
  day: string;
  hour: number;
  /** Spend in that hour and the usual one's (median of the same hour on comparable days), nano-dollars. */
  current: number;
  baseline: number;
  ratio: number;
  /** `app triage on model gpt-4o`, when something rose. */
  driver?: string;
  /** The prompt id that accounts for most of the rise, when the events name prompts. */
  prompt?: string;
  /** 'weekday' or 'weekend day': the kind of day compared against. */
  dayKind: string;
}

export interface ForecastAlert {
  budget: Budget;
  periodKey: string;
  periodEnd: Date;
  limit: number;
  used: number;
  projectedTotal: number;
  overrunAt: Date;
  timeZone: string;
}

const amountOf = (budget: Pick<Budget, 'unit'>, value: number) => formatAmount({ unit: budget.unit, amount: value });

/** The `/tokens spend` arguments that show a budget's subject over its period. */
export function budgetSpendArgs(budget: Pick<Budget, 'scope' | 'subject' | 'period'>): string[] {
  const range = budget.period === 'day' ? 'today' : budget.period;
  if (budget.scope === 'organization') return [range];
  return [budget.scope, budget.subject, range];
}

function viewSpend(args: readonly string[]): KnownBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: ALERT_ACTIONS.viewSpend,
        text: { type: 'plain_text', text: 'View spend' },
        value: clip(JSON.stringify(args), 2000),
      },
    ],
  };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } };
}

export function thresholdText(alert: ThresholdAlert): string {
  return `${scopeLabel(alert.budget)} has used ${alert.threshold}% of its ${periodWord(alert.budget.period)} budget (${alert.periodKey})`;
}

export function thresholdBlocks(alert: ThresholdAlert): KnownBlock[] {
  const fraction = alert.limit > 0 ? alert.used / alert.limit : 1;
  const icon = alert.overHardCap ? ':no_entry:' : alert.threshold >= 100 ? ':red_circle:' : ':warning:';
  const lines = [
    `${icon} *${thresholdText(alert)}*`,
    `${amountOf(alert.budget, alert.used)} of ${amountOf(alert.budget, alert.limit)} — ${Math.round(fraction * 100)}%  ${progressBar(fraction)}`,
  ];
  if (alert.overHardCap)
    lines.push(
      'The hard cap is reached: the enforcement hook now denies requests. Ask for more with `/tokens quota request`.',
    );
  return [section(lines.join('\n')), viewSpend(budgetSpendArgs(alert.budget))];
}

const clock = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;

export function anomalyText(alert: AnomalyAlert): string {
  const who = alert.dimension === 'team' ? `Team ${keyLabel('team', alert.key)}` : keyLabel('user', alert.key);
  const ratio = Number.isFinite(alert.ratio)
    ? `${alert.ratio.toFixed(1)}× usual for this hour`
    : `spend in an hour that usually has none`;
  return `Unusual spend: ${who}, ${ratio}${alert.driver ? `; ${alert.driver}` : ''}${alert.prompt ? `; prompt ${alert.prompt}` : ''}`;
}

export function anomalyBlocks(alert: AnomalyAlert): KnownBlock[] {
  const lines = [
    `:chart_with_upwards_trend: *${anomalyText(alert)}*`,
    `${formatUsd(alert.current)} from ${clock(alert.hour)} to ${clock(alert.hour + 1)} on ${alert.day}, against a usual ${formatUsd(alert.baseline)} (median of the same hour on recent ${alert.dayKind}s).`,
  ];
  return [
    section(lines.join('\n')),
    viewSpend([alert.dimension, alert.key, alert.day, 'by', alert.driver?.startsWith('model') ? 'model' : 'app']),
  ];
}

export function forecastText(alert: ForecastAlert): string {
  return `${scopeLabel(alert.budget)} is projected to pass its ${periodWord(alert.budget.period)} budget on ${localDay(alert.overrunAt.getTime(), alert.timeZone)}`;
}

export function forecastBlocks(alert: ForecastAlert): KnownBlock[] {
  const end = localDay(alert.periodEnd.getTime() - 1, alert.timeZone);
  const lines = [
    `:crystal_ball: *${forecastText(alert)}*`,
    `${amountOf(alert.budget, alert.used)} of ${amountOf(alert.budget, alert.limit)} used so far (${alert.periodKey}); at the recent rate the period ends near ${amountOf(alert.budget, alert.projectedTotal)} on ${end}.`,
  ];
  return [section(lines.join('\n')), viewSpend(budgetSpendArgs(alert.budget))];
}
