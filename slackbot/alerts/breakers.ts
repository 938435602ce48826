// The breaker's Slack alert: posted once per trip, by the instance whose admission tripped it (the store lets one
// win), to the team's alert channel or the policy's, right after the check that tripped it answered.
import type { webApi } from '@slack/bolt';
import { breakerBlocks, breakerText } from '../blocks/breaker';
import type { BotContext } from '../context';
import type { BreakerRecord } from '../store/guardrails';
import { alertChannels } from './channels';

export async function announceBreaker(
  bot: BotContext,
  client: webApi.WebClient,
  breaker: BreakerRecord,
): Promise<void> {
  const channels = breaker.team
    ? alertChannels(bot, 'team', breaker.team)
    : alertChannels(bot, 'organization', 'organization');
  bot.log.warn('breaker tripped', {
    identity: breaker.identity,
    rule: breaker.rule,
    reason: breaker.reason,
    channels: channels.length,
  });
  for (const channel of channels) {
    try {
      await client.chat.postMessage({ channel, text: breakerText(breaker), blocks: breakerBlocks(breaker) });
    } catch (error) {
      bot.log.error('breaker alert not posted', { channel, identity: breaker.identity, error });
    }
  }
}
