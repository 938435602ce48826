// `/tokens quota` (the caller's and their team's quota), `/tokens quota request` (the modal, or inline arguments)
// and `/tokens quota history [team]`.
import type { webApi } from '@slack/bolt';
import type { QuotaRequest } from '../../../core';
import { helpBlocks } from '../../blocks/help';
import {
  HISTORY_MAX,
  historyBlocks,
  requestModal,
  requestSentText,
  scopeLabel,
  statusBlocks,
} from '../../blocks/quota';
import { spendContext, teamOf, type BotContext } from '../../context';
import { parseRequestArgs, REQUEST_USAGE } from '../../quota/args';
import { budgetsInForce, budgetStatuses } from '../../quota/budgets';
import { checkRequest, postCards, storeRequest } from '../../quota/requests';
import { ArgumentError, wordSpans } from '../../spend/args';
import type { Subcommand, SubcommandInput } from './tokens';

export const quota: Subcommand = async (input) => {
  const [action, ...rest] = input.args;
  switch (action?.toLowerCase()) {
    case undefined:
      return status(input);
    case 'request':
      return rest.length ? inlineRequest(input) : openRequestModal(input);
    case 'history':
      return history(input, rest);
    default: {
      const problem = `I don't know \`/tokens quota ${action}\`.`;
      await input.ack({ response_type: 'ephemeral', text: problem, blocks: helpBlocks(problem) });
    }
  }
};

async function status({ ack, respond, client, bot, userId }: SubcommandInput): Promise<void> {
  await ack();
  const team = teamOf(bot.policy, userId);
  const budgets = (await budgetsInForce(bot.policy, bot.store)).filter(
    (budget) =>
      (budget.scope === 'user' && budget.subject === userId) || (budget.scope === 'team' && budget.subject === team),
  );
  const statuses = await budgetStatuses(budgets, spendContext(bot, client).identities, {
    store: bot.store,
    timeZone: bot.timeZone,
    now: bot.now(),
  });
  const subjects = team
    ? `you or ${scopeLabel({ scope: 'team', subject: team })}`
    : 'you (the policy file lists you in no team)';
  await respond({
    response_type: 'ephemeral',
    text: `Quota for ${subjects}`,
    blocks: statusBlocks(statuses, subjects),
  });
}

/** Teams a request can go to: those with approvers in the policy file. */
function requestableTeams(bot: BotContext): string[] {
  return Object.entries(bot.policy.teams)
    .filter(([, team]) => team.approvers.length > 0)
    .map(([name]) => name);
}

async function openRequestModal({ ack, client, bot, userId, command }: SubcommandInput): Promise<void> {
  const teams = requestableTeams(bot);
  if (teams.length === 0) {
    await ack({
      response_type: 'ephemeral',
      text: 'No team in the policy file has approvers, so there is no one to ask.',
    });
    return;
  }
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: requestModal({ teams, team: teamOf(bot.policy, userId) }),
  });
}

async function inlineRequest({ ack, respond, client, bot, userId, command }: SubcommandInput): Promise<void> {
  let parsed;
  try {
    // The text after `quota request`, as typed: the reason is kept verbatim.
    parsed = parseRequestArgs(command.text.slice(wordSpans(command.text)[2]!.start));
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    await ack({ response_type: 'ephemeral', text: error.message });
    return;
  }
  const team = parsed.team ?? teamOf(bot.policy, userId);
  if (!team) {
    await ack({
      response_type: 'ephemeral',
      text: `Which team? The policy file lists you in no team; add \`team NAME\`. Usage: ${REQUEST_USAGE}`,
    });
    return;
  }
  await ack();
  const checked = await checkRequest({ ...parsed, team }, bot);
  if (!checked.ok) {
    const lines = Object.entries(checked.errors).map(([field, message]) => `• *${field}*: ${message}`);
    await respond({
      response_type: 'ephemeral',
      text: `Request not sent:\n${lines.join('\n')}\nUsage: ${REQUEST_USAGE}`,
    });
    return;
  }
  await sendRequest(bot, client, userId, checked.request, (text) => respond({ response_type: 'ephemeral', text }));
}

/** Stores a checked request, tells the requester where it went, then posts the approval cards. */
async function sendRequest(
  bot: BotContext,
  client: webApi.WebClient,
  userId: string,
  request: QuotaRequest,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  const record = await storeRequest(bot, userId, request);
  await tell(requestSentText(record));
  await postCards(bot, client, record);
}

async function history({ ack, respond, bot, userId }: SubcommandInput, args: string[]): Promise<void> {
  const team = args[0] ?? teamOf(bot.policy, userId);
  if (!team) {
    await ack({
      response_type: 'ephemeral',
      text: 'Which team? `/tokens quota history TEAM` (the policy file lists you in no team).',
    });
    return;
  }
  await ack();
  const requests = await bot.store.quotaRequests({ team, limit: HISTORY_MAX });
  await respond({
    response_type: 'ephemeral',
    text: `Quota requests for team ${team}`,
    blocks: historyBlocks(team, requests),
  });
}
