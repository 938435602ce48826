// Block Kit for App Home: the viewer's month and budget, their team's month and budget.
import type { types } from '@slack/bolt';
import { formatUsd } from '../../core';
import { tokensOf, type SpendReport } from '../spend/report';
import { budgetLine } from './spend';
import { clip, compactNumber, keyLabel, LIMITS } from './text';

type KnownBlock = types.KnownBlock;
type HomeView = types.HomeView;

export interface HomeData {
  mine: SpendReport;
  team?: { name: string; report: SpendReport };
}

function summary(report: SpendReport): string {
  const top = report.breakdown
    .slice(0, 3)
    .map((item) => `${keyLabel(report.by, item.key)} ${formatUsd(item.costNanos)}`)
    .join(' · ');
  return `*${formatUsd(report.totals.costNanos)}* over ${report.totals.requests.toLocaleString('en-US')} calls, ${compactNumber(tokensOf(report.totals))} tokens${top ? `\n${top}` : ''}`;
}

function budgetBlocks(report: SpendReport): KnownBlock[] {
  return report.budgets.map((budget) => ({ type: 'section', text: { type: 'mrkdwn', text: budgetLine(budget) } }));
}

export function homeView(data: HomeData): HomeView {
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(`Your LLM spend · ${data.mine.rangeLabel}`, LIMITS.headerText) },
    },
    { type: 'section', text: { type: 'mrkdwn', text: clip(summary(data.mine), LIMITS.sectionText) } },
    ...budgetBlocks(data.mine),
  ];
  if (data.team) {
    blocks.push(
      { type: 'divider' },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: clip(`*Team ${data.team.name}*\n${summary(data.team.report)}`, LIMITS.sectionText),
        },
      },
    );
    blocks.push(...budgetBlocks(data.team.report));
  }
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: 'home_refresh', text: { type: 'plain_text', text: 'Refresh' } }],
  });
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Days in ${data.mine.timeZone}. Try \`/tokens spend\` in any channel.` }],
  });
  return { type: 'home', blocks };
}
