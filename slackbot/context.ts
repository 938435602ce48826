// What every listener and route shares: configuration, the store, the policy and the clock.
import type { webApi } from '@slack/bolt';
import type { Policy } from '../core';
import type { Config } from './config';
import type { Log } from './log';
import type { SpendContext } from './spend/report';
import type { BreakerRecord } from './store/guardrails';
import type { LedgerEvent, Store } from './store/store';

export interface BotContext {
  config: Config;
  store: Store;
  policy: Policy;
  /** The organisation's time zone: ORG_TIMEZONE, else the policy's. */
  timeZone: string;
  log: Log;
  now: () => Date;
  /** Told of every stored batch with new events (the running bot checks their alerts); never throws. */
  usageStored?: (events: readonly LedgerEvent[]) => void;
  /** Told when a check tripped a breaker (this instance won the trip, so it alerts); never throws. */
  breakerTripped?: (breaker: BreakerRecord) => void;
}

/** The identities a Slack user's events may carry: their user id and, when Slack shares it, their email. */
async function identities(client: webApi.WebClient, userId: string, log: Log): Promise<string[]> {
  try {
    const info = await client.users.info({ user: userId });
    const email = info.user?.profile?.email;
    return email ? [userId, email] : [userId];
  } catch (error) {
    log.warn('users.info failed; matching the user id only', { user: userId, error });
    return [userId];
  }
}

export function spendContext(bot: BotContext, client: webApi.WebClient): SpendContext {
  return {
    store: bot.store,
    policy: bot.policy,
    timeZone: bot.timeZone,
    now: bot.now(),
    identities: (userId) => identities(client, userId, bot.log),
    repository: bot.config.repository,
  };
}

/** The policy team a Slack user belongs to (listed by user id), if any. */
export function teamOf(policy: Policy, userId: string): string | undefined {
  return Object.entries(policy.teams).find(([, team]) => team.members.includes(userId))?.[0];
}
