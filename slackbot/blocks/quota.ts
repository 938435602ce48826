// Block Kit for budgets and quota requests: `/tokens quota` answers, the request modal, the approval card (open and
// decided), the deny and adjust modals, the requester's DM and the request history.
import type { types } from '@slack/bolt';
import { formatAmount, type Budget } from '../../core';
import type { BudgetStatus } from '../quota/budgets';
import type { QuotaRequestRecord } from '../store/quota';
import { clip, escape, keyLabel, LIMITS, progressBar } from './text';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

export const QUOTA_ACTIONS = { approve: 'quota_approve', deny: 'quota_deny', adjust: 'quota_adjust' } as const;
export const QUOTA_VIEWS = { request: 'quota_request', deny: 'quota_deny', adjust: 'quota_adjust' } as const;

const plain = (text: string, max: number = LIMITS.buttonText) => ({
  type: 'plain_text' as const,
  text: clip(text, max),
});
/** Text someone typed (a request's reason), shown as typed: plain text is never read as mrkdwn, mentions or emoji. */
const verbatim = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(text, max), emoji: false });

/** A time shown in each reader's own time zone, with the UTC instant as the fallback. */
function slackTime(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

export function periodWord(period: Budget['period']): string {
  return period === 'day' ? 'daily' : `${period}ly`;
}

export function scopeLabel(budget: Pick<Budget, 'scope' | 'subject'>): string {
  if (budget.scope === 'organization') return 'Organisation';
  if (budget.scope === 'environment') return `Environment ${escape(budget.subject)}`;
  if (budget.scope === 'app') return `App ${escape(budget.subject)}`;
  return budget.scope === 'team' ? `Team ${escape(budget.subject)}` : keyLabel('user', budget.subject);
}

function durationText(request: Pick<QuotaRequestRecord, 'until'>): string {
  return request.until ? `Temporary, until the end of ${request.until}` : 'Permanent';
}

export function statusBlocks(statuses: readonly BudgetStatus[], subjects: string): KnownBlock[] {
  if (statuses.length === 0) {
    return [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: clip(
            `No budget applies to ${subjects} yet. An admin sets one with \`/tokens budget set\`.`,
            LIMITS.sectionText,
          ),
        },
      },
    ];
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: plain('Quota', LIMITS.headerText) }];
  for (const status of statuses) {
    const amount = (value: number) => formatAmount({ unit: status.budget.unit, amount: value });
    const granted = status.grants.map(
      (grant) => `+${amount(grant.amount)} ${grant.expiresAt ? `until ${slackTime(grant.expiresAt)}` : 'permanent'}`,
    );
    const lines = [
      `*${scopeLabel(status.budget)}* · ${periodWord(status.budget.period)} ${status.budget.unit === 'usd' ? 'dollars' : 'tokens'} · ${status.period.key}`,
      `${progressBar(status.used / status.limit)}  ${amount(status.used)} of ${amount(status.limit)} used (${Math.round(status.percent)}%) · *${amount(status.remaining)} left*`,
    ];
    if (granted.length) lines.push(`Base ${amount(status.budget.limit)}; approved increases: ${granted.join(', ')}`);
    if (status.overHardCap)
      lines.push(
        ':no_entry: The hard cap is reached: further requests are denied. Ask for more with `/tokens quota request`.',
      );
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), LIMITS.sectionText) } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Need more? `/tokens quota request` · past requests: `/tokens quota history`' }],
  });
  return blocks;
}

export interface RequestModalInput {
  teams: readonly string[];
  team?: string;
}

/** Block ids of the inputs are quotaRequestSchema's field names, so each issue lands on its field. */
export function requestModal({ teams, team }: RequestModalInput): ModalView {
  const option = (name: string) => ({ text: plain(name), value: name });
  const durations = [
    { text: plain('Permanent'), value: 'permanent' },
    { text: plain('Temporary, until a date'), value: 'temporary' },
  ];
  return {
    type: 'modal',
    callback_id: QUOTA_VIEWS.request,
    title: plain('Request more quota', 24),
    submit: plain('Send request', 24),
    close: plain('Cancel', 24),
    blocks: [
      {
        type: 'input',
        block_id: 'team',
        label: plain('Team'),
        element: {
          type: 'static_select',
          action_id: 'value',
          options: teams.slice(0, 100).map(option),
          ...(team && teams.includes(team) ? { initial_option: option(team) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'amount',
        label: plain('How much more, per budget period'),
        hint: plain('$500 or 2M tokens; a bare number is in the unit of the team budget', 150),
        element: { type: 'plain_text_input', action_id: 'value', placeholder: plain('$500', 150) },
      },
      {
        type: 'input',
        block_id: 'duration',
        label: plain('For how long'),
        element: { type: 'radio_buttons', action_id: 'value', options: durations, initial_option: durations[0] },
      },
      {
        type: 'input',
        block_id: 'until',
        optional: true,
        label: plain('Until (last day, for a temporary increase)'),
        element: { type: 'datepicker', action_id: 'value' },
      },
      {
        type: 'input',
        block_id: 'reason',
        label: plain('Why'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** The modal after a request is sent. */
export function requestSentModal(request: QuotaRequestRecord): ModalView {
  return {
    type: 'modal',
    callback_id: `${QUOTA_VIEWS.request}_sent`,
    title: plain('Request sent', 24),
    close: plain('Done', 24),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(requestSentText(request), LIMITS.sectionText) } }],
  };
}

export function requestSentText(request: QuotaRequestRecord): string {
  const amount = formatAmount({ unit: request.unit, amount: request.amount });
  return `:outbox_tray: Your request for *+${amount}* for team *${escape(request.team)}* (${durationText(request).toLowerCase()}) went to the team's approvers. You will get a DM when it is decided.`;
}

function requestSummary(request: QuotaRequestRecord): KnownBlock[] {
  return [
    { type: 'header', text: plain(`Quota request · team ${request.team}`, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*From*\n<@${request.requester}>` },
        {
          type: 'mrkdwn',
          text: `*Increase*\n+${formatAmount({ unit: request.unit, amount: request.amount })} per budget period`,
        },
        { type: 'mrkdwn', text: `*Duration*\n${durationText(request)}` },
        { type: 'mrkdwn', text: `*Asked*\n${slackTime(request.createdAt)}` },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: '*Why*' } },
    { type: 'section', text: verbatim(request.reason, LIMITS.sectionText) },
  ];
}

/** The card approvers see: the request and, while it is pending, Approve / Deny / Adjust. */
export function requestCard(request: QuotaRequestRecord, context?: string): KnownBlock[] {
  const blocks = requestSummary(request);
  if (context)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(context, LIMITS.contextText) }] });
  if (request.status === 'pending') {
    blocks.push({
      type: 'actions',
      block_id: 'quota_decision',
      elements: [
        {
          type: 'button',
          action_id: QUOTA_ACTIONS.approve,
          style: 'primary',
          text: plain('Approve'),
          value: request.id,
        },
        { type: 'button', action_id: QUOTA_ACTIONS.deny, style: 'danger', text: plain('Deny'), value: request.id },
        { type: 'button', action_id: QUOTA_ACTIONS.adjust, text: plain('Adjust'), value: request.id },
      ],
    });
  } else {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(decisionText(request), LIMITS.sectionText) } });
  }
  return blocks;
}

export function requestCardText(request: QuotaRequestRecord): string {
  return `Quota request from <@${request.requester}> for team ${request.team}: +${formatAmount({ unit: request.unit, amount: request.amount })}`;
}

/** Who decided, when, what and why. */
function decisionText(request: QuotaRequestRecord): string {
  const by = `<@${request.decidedBy}>`;
  const when = request.decidedAt ? slackTime(request.decidedAt) : '';
  const granted =
    request.grantedAmount === null ? '' : formatAmount({ unit: request.unit, amount: request.grantedAmount });
  const why = request.decisionReason ? `\n> ${escape(request.decisionReason).replace(/\n/g, '\n> ')}` : '';
  switch (request.status) {
    case 'approved':
      return `:white_check_mark: *Approved* by ${by} on ${when}: +${granted}, ${durationText(request).toLowerCase()}`;
    case 'adjusted':
      return `:ballot_box_with_check: *Approved at +${granted}* (instead of +${formatAmount({ unit: request.unit, amount: request.amount })}) by ${by} on ${when}, ${durationText(request).toLowerCase()}${why}`;
    case 'denied':
      return `:x: *Denied* by ${by} on ${when}${why}`;
    case 'pending':
      return ':hourglass_flowing_sand: Waiting for an approver';
  }
}

/** The requester's DM once their request is decided. */
export function decisionDm(request: QuotaRequestRecord): { text: string; blocks: KnownBlock[] } {
  // What was granted, which after Adjust is not what was asked for.
  const amount = formatAmount({ unit: request.unit, amount: request.grantedAmount ?? request.amount });
  const text = `Your quota request for team ${request.team} (+${amount}) was ${request.status === 'denied' ? 'denied' : 'approved'}.`;
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`${escape(text)}\n${decisionText(request)}`, LIMITS.sectionText) },
      },
    ],
  };
}

export function denyModal(request: QuotaRequestRecord): ModalView {
  return {
    type: 'modal',
    callback_id: QUOTA_VIEWS.deny,
    private_metadata: request.id,
    title: plain('Deny request', 24),
    submit: plain('Deny', 24),
    close: plain('Cancel', 24),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(requestCardText(request), LIMITS.sectionText) } },
      {
        type: 'input',
        block_id: 'reason',
        label: plain('Reason (sent to the requester)'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
      },
    ],
  };
}

export function adjustModal(request: QuotaRequestRecord): ModalView {
  return {
    type: 'modal',
    callback_id: QUOTA_VIEWS.adjust,
    private_metadata: request.id,
    title: plain('Approve another amount', 24),
    submit: plain('Approve', 24),
    close: plain('Cancel', 24),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(requestCardText(request), LIMITS.sectionText) } },
      {
        type: 'input',
        block_id: 'amount',
        label: plain('Increase to approve'),
        hint: plain(`In ${request.unit === 'usd' ? 'dollars, e.g. $250' : 'tokens, e.g. 1M tokens'}`, 150),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          initial_value: formatAmount({ unit: request.unit, amount: request.amount }),
        },
      },
      {
        type: 'input',
        block_id: 'reason',
        optional: true,
        label: plain('Note (sent to the requester)'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
      },
    ],
  };
}

const STATUS_ICON = {
  pending: ':hourglass_flowing_sand:',
  approved: ':white_check_mark:',
  adjusted: ':ballot_box_with_check:',
  denied: ':x:',
} as const;

/** Requests a history shows: two blocks each within Slack's 50 a message, with the header. */
export const HISTORY_MAX = 24;

/**
 * Request history, newest first: per request a line of who, what and the decision, then the reason and any
 * decision note as typed. Two blocks a request, so at most 24 fit Slack's 50 with the header.
 */
export function historyBlocks(team: string, requests: readonly QuotaRequestRecord[]): KnownBlock[] {
  if (requests.length === 0)
    return [{ type: 'section', text: { type: 'mrkdwn', text: `No quota requests for team *${escape(team)}* yet.` } }];
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(`Quota requests · team ${team}`, LIMITS.headerText) }];
  for (const request of requests.slice(0, HISTORY_MAX)) {
    const amount = formatAmount({ unit: request.unit, amount: request.amount });
    const decided =
      request.status === 'pending'
        ? 'pending'
        : `${request.status} by <@${request.decidedBy}>${request.status === 'adjusted' ? ` to +${formatAmount({ unit: request.unit, amount: request.grantedAmount ?? 0 })}` : ''}`;
    const line = `${STATUS_ICON[request.status]} ${request.createdAt.toISOString().slice(0, 10)} <@${request.requester}> +${amount} ${request.until ? `until ${request.until}` : 'permanent'}: ${decided}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(line, LIMITS.sectionText) } });
    const typed = [verbatim(request.reason, LIMITS.contextText)];
    if (request.decisionReason) typed.push(verbatim(`Note: ${request.decisionReason}`, LIMITS.contextText));
    blocks.push({ type: 'context', elements: typed });
  }
  return blocks;
}

export function budgetSetText(budget: Budget): string {
  const amount = formatAmount({ unit: budget.unit, amount: budget.limit });
  const cap = budget.hardCapPercent === null ? 'no hard cap' : `hard cap at ${budget.hardCapPercent}%`;
  return `:white_check_mark: ${scopeLabel(budget)}: ${amount} ${periodWord(budget.period)}, alerts at ${budget.thresholds.join(', ')}%, ${cap}.`;
}
