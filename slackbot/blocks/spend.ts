// Block Kit for a `/tokens spend` answer.
import type { types } from '@slack/bolt';
import { formatAmount, formatUsd, periodContaining } from '../../core';
import { promptFile } from '../repository';
import type { SpendDimension } from '../spend/args';
import type { BreakdownItem, BudgetUse, SpendReport } from '../spend/report';
import { clip, compactNumber, escape, keyLabel, LIMITS, progressBar, sparkline } from './text';

type KnownBlock = types.KnownBlock;

/** The local calendar day of an instant in the organisation's time zone, as YYYY-MM-DD. */
const localDate = (instant: Date, timeZone: string) => periodContaining(instant, 'day', timeZone).key;

/** A team name can be long; the rest of a budget line is short and bounded, so clipping the name keeps it whole. */
const SCOPE_CHARS = 200;

const PLURAL: Record<SpendDimension, string> = {
  team: 'teams',
  user: 'people',
  model: 'models',
  app: 'apps',
  prompt: 'prompts',
};

/** A breakdown key as shown: a prompt id links to its file when it has one. */
const itemLabel = (by: SpendDimension, item: BreakdownItem) =>
  item.link ? `<${item.link}|${escape(item.key)}>` : keyLabel(by, item.key);

/**
 * A heading and as many whole lines as fit in a section: clipping mid-line could cut a link in two. A first line too
 * long by itself is clipped without its link.
 */
function fitted(heading: string, lines: readonly string[], plainFirst: string): string {
  let text = heading;
  for (const [index, line] of lines.entries()) {
    if (text.length + 1 + line.length <= LIMITS.sectionText - 2) text += `\n${line}`;
    else return index === 0 ? clip(`${heading}\n${plainFirst}`, LIMITS.sectionText) : `${text}\n…`;
  }
  return text;
}

/** Numbered lines of a ranking: cost, share of the total and tokens. */
function rankingLines(
  by: SpendDimension,
  items: readonly BreakdownItem[],
  totalNanos: number,
  linked = true,
): string[] {
  return items.map((item, index) => {
    const share = totalNanos > 0 ? ` (${Math.round((item.costNanos / totalNanos) * 100)}%)` : '';
    const label = linked ? itemLabel(by, item) : keyLabel(by, item.key);
    return `${index + 1}. ${label} — ${formatUsd(item.costNanos)}${share} · ${compactNumber(item.tokens)} tokens`;
  });
}

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
  if (report.prompt?.link)
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `File: <${report.prompt.link}|${escape(promptFile(report.prompt.id) ?? '')}>` },
      ],
    });
  if (report.prompt && totals.requests === 0 && totals.costNanos === 0)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'No usage event named this prompt id in this range. Apps send it as `prompt` with each call’s usage (see docs/usage-mapping.md).',
        },
      ],
    });
  if (report.breakdown.length) {
    const lines = rankingLines(report.by, report.breakdown, totals.costNanos);
    if (report.rest.keys) lines.push(`…and ${report.rest.keys} more — ${formatUsd(report.rest.costNanos)}`);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: fitted(`*Top ${PLURAL[report.by]}*`, lines, rankingLines(report.by, report.breakdown, 0, false)[0]!),
      },
    });
  }
  if (report.topPrompts.length)
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: fitted(
          '*Top prompts*',
          rankingLines('prompt', report.topPrompts, totals.costNanos),
          rankingLines('prompt', report.topPrompts, 0, false)[0]!,
        ),
      },
    });
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
