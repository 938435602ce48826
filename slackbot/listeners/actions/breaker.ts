// The breaker alert's buttons. Release unblocks at once (calls count afresh); Keep blocked holds the block past its
// cool-down until someone releases it. Only the team's approvers and the admins may decide: anyone else is told so
// and nothing changes. Every decision lands in the breaker's audit trail.
import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { BREAKER_ACTIONS, breakerDecidedBlocks, breakerText } from '../../blocks/breaker';
import type { BotContext } from '../../context';
import { isApprover } from '../../quota/approvers';
import type { BreakerDecision } from '../../store/guardrails';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const valueSchema = z
  .object({ identity: z.string().min(1).max(600), trippedAt: z.number().int().nonnegative() })
  .strict();

async function tellClicker({ body, respond }: ButtonArgs, text: string): Promise<void> {
  if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
}

async function decide(args: ButtonArgs, bot: BotContext, decision: BreakerDecision): Promise<void> {
  await args.ack();
  const userId = args.body.user.id;
  let value: unknown;
  try {
    value = JSON.parse(args.action.value ?? '');
  } catch {
    value = undefined;
  }
  const parsed = valueSchema.safeParse(value);
  if (!parsed.success) {
    bot.log.warn('breaker button: unreadable value', { user: userId });
    return tellClicker(args, 'That button is out of date; nothing changed.');
  }
  const { identity, trippedAt } = parsed.data;
  const now = bot.now();
  const team = (await bot.store.breaker(identity))?.team ?? '';
  const allowed =
    bot.config.admins.includes(userId) || (team !== '' && (await isApprover(args.client, bot.policy, team, userId)));
  if (!allowed) {
    bot.log.warn('breaker decision refused: not an approver or admin', { identity, user: userId, decision });
    return tellClicker(
      args,
      `:no_entry: Only ${team ? `the approvers of team ${team} and ` : ''}the admins can release or keep this breaker; nothing changed.`,
    );
  }
  const result = await bot.store.decideBreaker({
    identity,
    trippedAt: new Date(trippedAt),
    decision,
    by: userId,
    at: now,
  });
  if (!result.decided || !result.breaker) {
    return tellClicker(
      args,
      'This breaker is no longer blocking as that alert showed it (released, kept, reset or tripped again); nothing changed.',
    );
  }
  bot.log.info('breaker decided', { identity, decision, by: userId });
  if (args.body.response_url)
    await args.respond({
      replace_original: true,
      text: breakerText(result.breaker),
      blocks: breakerDecidedBlocks(result.breaker),
    });
}

export function registerBreakerActions(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(BREAKER_ACTIONS.release, (args) => decide(args, bot, 'released'));
  app.action<BlockButtonAction>(BREAKER_ACTIONS.keep, (args) => decide(args, bot, 'kept'));
}
