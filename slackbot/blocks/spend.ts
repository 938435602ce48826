// Block Kit for a `/tokens spend` answer.
import type { types } from '@slack/bolt';
import { formatAmount, formatUsd, periodContaining } from '../../core';
import type { BudgetUse, SpendReport } from '../spend/report';
import { clip, compactNumber, keyLabel, LIMITS, progressBar, sparkline } from './text';

type KnownBlock = types.KnownBlock;

/** The local calendar day of an instant in the organisation's time zone, as YYYY-MM-DD. */
const localDate = (instant: Date, timeZone: string) => periodContaining(instant, 'day', timeZone).key;

/** A team name can be long; the rest of a budget line is short and bounded, so clipping the name keeps it whole. */
const SCOPE_CHARS = 200;

const PLURAL: Record<string, string> = { team: 'teams', user: 'people', model: 'models', app: 'apps' };

export function budgetLine({ scope, status, forecast }: BudgetUse): string {
  const amount = (value: number) => formatAmount({ unit: status.budget.unit, amount: value });
  const fraction = status.limit > 0 ? status.used / status.limit : 0;
  const end = localDate(new Date(status.period.end.getTime() - 1), status.period.timeZone);
  const outlook = forecast.overLimit
    ? ':red_circle: over budget'
    : forecast.projectedOverrunAt
      ? `:warning: projected to run out on ${localDate(forecast.projectedOverrunAt, status.period.timeZone)}`
      : ':large_green_circle: on track';
  // "2,400 of 10,000 tokens": the unit once.
  const used = status.budget.unit === 'usd' ? formatUsd(status.used) : status.used.toLocaleString('en-US');
  return [
    `*Budget ${status.period.key}* (${clip(scope, SCOPE_CHARS)}): ${used} of ${amount(status.limit)} — *${Math.round(status.percent)}%*`,
    `${progressBar(fraction)}  forecast ${amount(forecast.projectedTotal)} by ${end} · ${outlook}`,
  ].join('\n');
}

export function spendBlocks(report: SpendReport): KnownBlock[] {
  const { totals } = report;
  const uncached = totals.inputTokens - totals.cacheReadTokens - totals.cacheWriteTokens;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: clip(`Spend · ${report.subject.replace(/<@(\w+)>/, '@$1')} · ${report.rangeLabel}`, LIMITS.headerText),
      },
    },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Total*\n${formatUsd(totals.costNanos)}` },
        { type: 'mrkdwn', text: `*Calls*\n${totals.requests.toLocaleString('en-US')}` },
        {
          type: 'mrkdwn',
          text: `*Input*\n${compactNumber(uncached)} uncached · ${compactNumber(totals.cacheReadTokens)} cached${totals.cacheWriteTokens ? ` · ${compactNumber(totals.cacheWriteTokens)} cache writes` : ''}`,
        },
        {
          type: 'mrkdwn',
          text: `*Output*\n${compactNumber(totals.outputTokens)}${totals.reasoningTokens ? ` (${compactNumber(totals.reasoningTokens)} reasoning)` : ''}`,
        },
      ],
    },
  ];
  if (report.subject.startsWith('<@'))
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `For ${report.subject}` }] });
  if (report.breakdown.length) {
    const lines = report.breakdown.map((item, index) => {
      const share = totals.costNanos > 0 ? ` (${Math.round((item.costNanos / totals.costNanos) * 100)}%)` : '';
      return `${index + 1}. ${keyLabel(report.by, item.key)} — ${formatUsd(item.costNanos)}${share} · ${compactNumber(item.tokens)} tokens`;
    });
    if (report.rest.keys) lines.push(`…and ${report.rest.keys} more — ${formatUsd(report.rest.costNanos)}`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*Top ${PLURAL[report.by]}*\n${lines.join('\n')}`, LIMITS.sectionText) },
    });
  }
  if (report.daily.length > 1) {
    const first = report.daily[0]!.day;
    const last = report.daily[report.daily.length - 1]!.day;
    const peak = report.daily.reduce((best, day) => (day.costNanos > best.costNanos ? day : best));
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Daily trend* ${first} → ${last}\n\`${sparkline(report.daily.map((day) => day.costNanos))}\`  peak ${formatUsd(peak.costNanos)} on ${peak.day}`,
      },
    });
  }
  for (const budget of report.budgets)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: budgetLine(budget) } });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Days in ${report.timeZone}. \`/tokens help\` for more views.` }],
  });
  return blocks;
}

export function spendText(report: SpendReport): string {
  return `Spend for ${report.subject}, ${report.rangeLabel}: ${formatUsd(report.totals.costNanos)}`;
}
