// Block Kit for `/tokens help`, also the answer to anything `/tokens` does not understand.
import type { types } from '@slack/bolt';
import { clip, LIMITS } from './text';

type KnownBlock = types.KnownBlock;

export const HELP_TEXT = [
  '*`/tokens spend`* — what LLM calls cost, from every connected source.',
  '`/tokens spend [team NAME | @user | model NAME | app NAME] [RANGE] [by team|user|model|app] [public]`',
  '• RANGE: `today`, `yesterday`, `7d`, `30d`, `week`, `last-week`, `month` (default), `last-month`, `2026-10`, `2026-10-01..2026-10-15`',
  '• `by …` picks the breakdown; `public` posts the answer to the channel instead of only to you.',
  'Examples: `/tokens spend team search 7d` · `/tokens spend @ada by model` · `/tokens spend model gpt-4o last-month public`',
].join('\n');

export function helpBlocks(problem?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (problem) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`:thinking_face: ${problem}`, LIMITS.sectionText) } });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: HELP_TEXT } });
  return blocks;
}
