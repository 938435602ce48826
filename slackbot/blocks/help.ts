// Block Kit for `/tokens help`, also the answer to anything `/tokens` does not understand.
import type { types } from '@slack/bolt';
import { clip, LIMITS } from './text';

type KnownBlock = types.KnownBlock;

export const HELP_TEXT = [
  '*`/tokens spend`* — what LLM calls cost, from every connected source.',
  '`/tokens spend [team NAME | @user | model NAME | app NAME | prompt ID] [RANGE] [by team|user|model|app|prompt] [public]`',
  '• RANGE: `today`, `yesterday`, `7d`, `30d`, `week`, `last-week`, `month` (default), `last-month`, `2026-10`, `2026-10-01..2026-10-15`',
  '• `by …` picks the breakdown; `public` posts the answer to the channel instead of only to you.',
  '• `by prompt` ranks the prompt ids apps send with their usage (organisation or one app); `prompt ID` shows one, e.g. `prompt src/triage.ts#triageTicket`, by model or app.',
  'Examples: `/tokens spend team search 7d` · `/tokens spend @ada by model` · `/tokens spend model gpt-4o last-month public`',
  "*`/tokens quota`* — your and your team's quota, use and what is left.",
  '• `/tokens quota request` opens a form; or inline: `/tokens quota request $200 [team NAME] [until 2026-12-31] REASON…`',
  '• `/tokens quota history [TEAM]` — past requests and decisions.',
  '*`/tokens budget`* — the budgets in force. Admins: `/tokens budget set team NAME|env NAME|app NAME|@user AMOUNT per day|week|month [soft 50,80] [hard 100|off]`',
].join('\n');

export function helpBlocks(problem?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (problem)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`:thinking_face: ${problem}`, LIMITS.sectionText) },
    });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: HELP_TEXT } });
  return blocks;
}
