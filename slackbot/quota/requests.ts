// Quota requests from Slack: checked against core's schema and the team's budgets, stored, sent to the team's
// approvers as cards; decided once, after which every card shows the decision and the requester gets a DM.
import type { webApi } from '@slack/bolt';
import { formatAmount, quotaRequestSchema, type BudgetUnit, type QuotaRequest } from '../../core';
import { decisionDm, requestCard, requestCardText, periodWord } from '../blocks/quota';
import type { BotContext } from '../context';
import { syncBudgetSoon } from '../litellm';
import type { QuotaRequestRecord } from '../store/quota';
import { cardDestinations, isApprover } from './approvers';
import { budgetsInForce, budgetStatuses } from './budgets';

/** A request as the modal or the inline arguments give it, before checking. */
export interface RequestInput {
  team?: string;
  amount?: string;
  duration?: string;
  until?: string;
  reason?: string;
}

export type RequestField = 'team' | 'amount' | 'duration' | 'until' | 'reason';
export type Checked =
  | { ok: true; request: QuotaRequest }
  | { ok: false; errors: Partial<Record<RequestField, string>> };

const UNIT_NAME: Record<BudgetUnit, string> = { usd: 'dollar', tokens: 'token' };

/** Checks a request: core's field rules, then that the team has approvers and a budget in the amount's unit. */
export async function checkRequest(input: RequestInput, bot: BotContext): Promise<Checked> {
  const teamBudgets = input.team
    ? (await budgetsInForce(bot.policy, bot.store)).filter((b) => b.scope === 'team' && b.subject === input.team)
    : [];
  const raw = {
    team: input.team ?? '',
    amount: input.amount ?? '',
    // A bare number is in the unit of the team's budget (dollars when it has both).
    unit: teamBudgets.find((b) => b.unit === 'usd')?.unit ?? teamBudgets[0]?.unit ?? 'tokens',
    duration: input.duration ?? (input.until ? 'temporary' : 'permanent'),
    ...(input.until ? { until: input.until } : {}),
    reason: input.reason ?? '',
  };
  const parsed = quotaRequestSchema({ now: bot.now(), timeZone: bot.timeZone }).safeParse(raw);
  const errors: Partial<Record<RequestField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = (issue.path[0] === 'unit' ? 'amount' : (issue.path[0] ?? 'amount')) as RequestField;
      errors[field] ??= issue.message;
    }
  }
  // Core checks the end date against the duration only once every field is valid; a form shows all at once.
  if (raw.duration === 'temporary' && !raw.until) errors.until ??= 'a temporary increase needs an end date';
  if (raw.duration === 'permanent' && raw.until) errors.until ??= 'only a temporary increase has an end date';
  if (input.team && !errors.team && !bot.policy.teams[input.team]) {
    errors.team = `there is no team "${input.team}" in the policy file${Object.keys(bot.policy.teams).length ? ` (teams: ${Object.keys(bot.policy.teams).join(', ')})` : ''}`;
  } else if (input.team && !errors.team && teamBudgets.length === 0) {
    errors.team = `team ${input.team} has no budget yet; an admin sets one with /tokens budget set`;
  } else if (parsed.success && !errors.amount && !teamBudgets.some((b) => b.unit === parsed.data.unit)) {
    errors.amount = `team ${input.team} has no ${UNIT_NAME[parsed.data.unit]} budget; ask in ${teamBudgets.map((b) => (b.unit === 'usd' ? 'dollars' : 'tokens')).join(' or ')}`;
  }
  return parsed.success && Object.keys(errors).length === 0
    ? { ok: true, request: parsed.data }
    : { ok: false, errors };
}

/** One line for approvers: where the team stands now against the budget the request would raise. */
async function teamContext(bot: BotContext, request: QuotaRequestRecord): Promise<string | undefined> {
  const budget = (await budgetsInForce(bot.policy, bot.store)).find(
    (b) => b.scope === 'team' && b.subject === request.team && b.unit === request.unit,
  );
  if (!budget) return undefined;
  const [status] = await budgetStatuses([budget], async (user) => [user], {
    store: bot.store,
    timeZone: bot.timeZone,
    now: bot.now(),
  });
  const amount = (value: number) => formatAmount({ unit: budget.unit, amount: value });
  return `Team ${request.team} now: ${amount(status!.used)} of ${amount(status!.limit)} used this ${budget.period} (${periodWord(budget.period)} budget, ${Math.round(status!.percent)}%).`;
}

/** Stores a checked request as pending. */
export async function storeRequest(
  bot: BotContext,
  requester: string,
  request: QuotaRequest,
): Promise<QuotaRequestRecord> {
  const record = await bot.store.createQuotaRequest({ ...request, requester, at: bot.now() });
  bot.log.info('quota requested', {
    request: record.id,
    team: record.team,
    requester,
    unit: record.unit,
    amount: record.amount,
  });
  return record;
}

/** Posts the request's card to each of the team's approvers and remembers where, for the decision's update. */
export async function postCards(bot: BotContext, client: webApi.WebClient, record: QuotaRequestRecord): Promise<void> {
  const context = await teamContext(bot, record);
  for (const channel of await cardDestinations(client, bot.policy, record.team)) {
    try {
      const posted = await client.chat.postMessage({
        channel,
        text: requestCardText(record),
        blocks: requestCard(record, context),
      });
      if (posted.channel && posted.ts) await bot.store.addRequestCard(record.id, posted.channel, posted.ts);
    } catch (error) {
      bot.log.error('approval card not posted', { request: record.id, channel, error });
    }
  }
}

/**
 * After the one recorded decision (the store lets exactly one decider win): a grant reaches LiteLLM's team budget
 * at once, every card shows the decision and the requester gets a DM, so however many approvers click at once there
 * is one update per card and one DM.
 */
export async function announceDecision(
  bot: BotContext,
  client: webApi.WebClient,
  request: QuotaRequestRecord,
): Promise<void> {
  bot.log.info('quota request decided', {
    request: request.id,
    status: request.status,
    by: request.decidedBy,
    granted: request.grantedAmount,
  });
  if (request.grantedAmount !== null) syncBudgetSoon(bot, request.team);
  const context = await teamContext(bot, request).catch(() => undefined);
  for (const card of await bot.store.requestCards(request.id)) {
    try {
      await client.chat.update({
        channel: card.channel,
        ts: card.ts,
        text: requestCardText(request),
        blocks: requestCard(request, context),
      });
    } catch (error) {
      bot.log.error('approval card not updated', { request: request.id, channel: card.channel, error });
    }
  }
  try {
    await client.chat.postMessage({ channel: request.requester, ...decisionDm(request) });
  } catch (error) {
    bot.log.error('requester not told of the decision', { request: request.id, error });
  }
}

/**
 * Why `userId` may not decide `request`, or undefined when they may: only the team's approvers decide, and never
 * their own request (another approver, or an admin's budget, covers it).
 */
export async function refusal(
  client: webApi.WebClient,
  bot: BotContext,
  request: QuotaRequestRecord,
  userId: string,
): Promise<string | undefined> {
  if (userId === request.requester)
    return 'You cannot decide your own request; another approver will. Nothing changed.';
  if (await isApprover(client, bot.policy, request.team, userId)) return undefined;
  bot.log.warn('quota decision refused: not an approver', { request: request.id, team: request.team, user: userId });
  return `Only the approvers of team ${request.team} can decide this request; nothing changed.`;
}

/** A sentence for someone whose decision came too late. */
export function alreadyDecided(request: QuotaRequestRecord | undefined, mention = true): string {
  if (!request) return 'That request no longer exists.';
  return `This request was already ${request.status}${mention ? ` by <@${request.decidedBy}>` : ' by another approver'}; nothing changed.`;
}
