// Where alerts go: a team's `alertChannel` in the policy file, else the policy's `alerts.channels`; a user's
// alerts go where their team's do; the organisation's to `alerts.channels`.
import type { types, webApi } from '@slack/bolt';
import type { BudgetScope } from '../../core';
import { teamOf, type BotContext } from '../context';

export function alertChannels(bot: BotContext, scope: BudgetScope, subject: string): string[] {
  const team = scope === 'team' ? subject : scope === 'user' ? teamOf(bot.policy, subject) : undefined;
  const own = team === undefined ? undefined : bot.policy.teams[team]?.alertChannel;
  return own ? [own] : [...bot.policy.alerts.channels];
}

/**
 * Posts an alert whose dedupe keys this run has claimed to every channel; a channel that fails is logged and does
 * not stop the others. When no channel took it and a failure may pass (the network, Slack's own trouble), the claims
 * are given back so the next run posts it; a refusal that will not change by itself (channel_not_found,
 * not_in_channel…) keeps them, so a misconfigured channel is logged once, not on every run. When some channel took
 * it, the claims stand, so those channels never get it twice. True when any took it.
 */
export async function postAlert(
  bot: BotContext,
  client: webApi.WebClient,
  claimed: readonly string[],
  channels: readonly string[],
  text: string,
  blocks: types.KnownBlock[],
): Promise<boolean> {
  let posted = 0;
  let mayPass = false;
  for (const channel of channels) {
    try {
      await client.chat.postMessage({ channel, text, blocks });
      posted++;
    } catch (error) {
      bot.log.error('alert not posted', { channel, text, error });
      mayPass ||= mayPassByItself(error);
    }
  }
  if (posted === 0 && mayPass) {
    for (const key of claimed) await bot.store.releaseAlert(key);
    bot.log.warn('alert claims released; the next run posts it again', { keys: claimed });
  }
  return posted > 0;
}

// Slack's answers about the request itself are the same next time; a failed request, or Slack's own trouble, may not be.
const slackTrouble = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

function mayPassByItself(error: unknown): boolean {
  const { code, data } = error as { code?: string; data?: { error?: string } };
  return code !== 'slack_webapi_platform_error' || slackTrouble.has(data?.error ?? '');
}
