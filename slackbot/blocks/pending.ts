// App Home's part for quota requests: the viewer's requests still waiting for an approver.
import type { types } from '@slack/bolt';
import { formatAmount } from '../../core';
import type { QuotaRequestRecord } from '../store/quota';
import { clip, LIMITS } from './text';

export function pendingRequestBlocks(requests: readonly QuotaRequestRecord[]): types.KnownBlock[] {
  if (requests.length === 0) return [];
  const lines = requests.map(
    (request) =>
      `• +${formatAmount({ unit: request.unit, amount: request.amount })} for team ${request.team}, ${request.until ? `until ${request.until}` : 'permanent'} — asked ${request.createdAt.toISOString().slice(0, 10)}`,
  );
  return [
    { type: 'divider' },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*Your pending quota requests*\n${lines.join('\n')}`, LIMITS.sectionText) },
    },
  ];
}
