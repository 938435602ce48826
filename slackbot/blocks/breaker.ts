// Block Kit for the runaway-loop breaker: the alert when it trips (who, what, how much in the window) with Release
// and Keep blocked buttons, and the same card once someone decided, without buttons.
import type { types } from '@slack/bolt';
import { formatUsd } from '../../core';
import type { BreakerRecord } from '../store/guardrails';
import { clip, escape, keyLabel, LIMITS } from './text';

type KnownBlock = types.KnownBlock;

export const BREAKER_ACTIONS = { release: 'breaker_release', keep: 'breaker_keep' } as const;

/** What a button names: the breaker and the trip it was posted for. */
export function breakerButtonValue(breaker: Pick<BreakerRecord, 'identity' | 'trippedAt'>): string {
  return JSON.stringify({ identity: breaker.identity, trippedAt: breaker.trippedAt.getTime() });
}

export function breakerText(breaker: BreakerRecord): string {
  const who = breaker.session ? `session ${breaker.session}` : `user ${breaker.user} in app ${breaker.app || '(none)'}`;
  return `Runaway-loop breaker tripped: ${who} is blocked`;
}

function details(breaker: BreakerRecord): string {
  const lines = [
    `:rotating_light: *${escape(breakerText(breaker))}*`,
    `Why: ${escape(breaker.reason)} (rule \`${escape(breaker.rule)}\`)`,
    `*Session* ${breaker.session ? escape(breaker.session) : '_none_'} · *App* ${keyLabel('app', breaker.app)} · *User* ${keyLabel('user', breaker.user)} · *Model* ${keyLabel('model', breaker.model)}${breaker.environment ? ` · *Environment* ${escape(breaker.environment)}` : ''}`,
    `In the window: ${breaker.calls.toLocaleString('en-US')} calls, ${breaker.tokens.toLocaleString('en-US')} tokens, ${formatUsd(breaker.costNanos)}`,
    `Blocked since ${breaker.trippedAt.toISOString()}; ${breaker.until === null ? 'until someone releases it' : `resets by itself at ${breaker.until.toISOString()}`}.`,
  ];
  return clip(lines.join('\n'), LIMITS.sectionText);
}

export function breakerBlocks(breaker: BreakerRecord): KnownBlock[] {
  const value = breakerButtonValue(breaker);
  return [
    { type: 'section', text: { type: 'mrkdwn', text: details(breaker) } },
    {
      type: 'actions',
      block_id: 'breaker_decision',
      elements: [
        {
          type: 'button',
          action_id: BREAKER_ACTIONS.release,
          style: 'primary',
          text: { type: 'plain_text', text: 'Release' },
          value,
        },
        {
          type: 'button',
          action_id: BREAKER_ACTIONS.keep,
          style: 'danger',
          text: { type: 'plain_text', text: 'Keep blocked' },
          value,
        },
      ],
    },
  ];
}

/** The card after a decision: who released it or kept it blocked, and when. */
export function breakerDecidedBlocks(breaker: BreakerRecord): KnownBlock[] {
  const outcome =
    breaker.decision === 'released'
      ? `:white_check_mark: Released by <@${breaker.decidedBy}> at ${breaker.decidedAt!.toISOString()}: calls count afresh from then.`
      : `:no_entry: Kept blocked by <@${breaker.decidedBy}> at ${breaker.decidedAt!.toISOString()}, until someone releases it.`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: details(breaker) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: outcome }] },
  ];
  // Kept blocked can still be released later.
  if (breaker.decision === 'kept') {
    blocks.push({
      type: 'actions',
      block_id: 'breaker_decision',
      elements: [
        {
          type: 'button',
          action_id: BREAKER_ACTIONS.release,
          style: 'primary',
          text: { type: 'plain_text', text: 'Release' },
          value: breakerButtonValue(breaker),
        },
      ],
    });
  }
  return blocks;
}
