// The approval card's buttons. Approve decides at once; Deny and Adjust open a modal (views/quota.ts). Only the
// team's approvers may decide: anyone else gets an ephemeral refusal and nothing changes.
import type { App, BlockButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { adjustModal, denyModal, QUOTA_ACTIONS } from '../../blocks/quota';
import type { BotContext } from '../../context';
import { alreadyDecided, announceDecision, refusal } from '../../quota/requests';
import type { QuotaRequestRecord } from '../../store/quota';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Tells only the clicker, in place, without touching the card. */
async function tellClicker({ body, respond, client }: ButtonArgs, text: string): Promise<void> {
  if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, text });
  else if (body.channel?.id) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
}

/** The request the button is for, if the clicker may decide it now; otherwise they are told why not. */
async function decidable(args: ButtonArgs, bot: BotContext): Promise<QuotaRequestRecord | undefined> {
  const userId = args.body.user.id;
  const request = await bot.store.quotaRequest(args.action.value ?? '');
  if (!request) {
    await tellClicker(args, alreadyDecided(undefined));
    return undefined;
  }
  const refused = await refusal(args.client, bot, request, userId);
  if (refused) {
    await tellClicker(args, `:no_entry: ${refused}`);
    return undefined;
  }
  if (request.status !== 'pending') {
    await tellClicker(args, alreadyDecided(request));
    return undefined;
  }
  return request;
}

export function registerQuotaActions(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(QUOTA_ACTIONS.approve, async (args) => {
    await args.ack();
    const request = await decidable(args, bot);
    if (!request) return;
    const result = await bot.store.decideQuotaRequest({
      action: 'approve',
      requestId: request.id,
      by: args.body.user.id,
      at: bot.now(),
    });
    if (result.decided) await announceDecision(bot, args.client, result.request);
    else await tellClicker(args, alreadyDecided(result.request));
  });

  for (const [actionId, modal] of [
    [QUOTA_ACTIONS.deny, denyModal],
    [QUOTA_ACTIONS.adjust, adjustModal],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async (args) => {
      await args.ack();
      const request = await decidable(args, bot);
      if (request) await args.client.views.open({ trigger_id: args.body.trigger_id, view: modal(request) });
    });
  }
}
