// Modal submissions: the quota request form, and the Deny (reason) and Adjust (amount) forms of an approver.
// Invalid values come back as field errors (response_action: errors) and nothing is stored.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { BudgetError, parseAmount } from '../../../core';
import { QUOTA_VIEWS, requestSentModal } from '../../blocks/quota';
import type { BotContext } from '../../context';
import {
  alreadyDecided,
  announceDecision,
  checkRequest,
  postCards,
  refusal,
  storeRequest,
  type RequestInput,
} from '../../quota/requests';
import type { RequestDecision } from '../../store/quota';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The submitted value of an input block (its element's action_id is always `value`), as text. */
function valueOf(view: ViewSubmitAction['view'], blockId: string): string | undefined {
  const element = view.state.values[blockId]?.value;
  if (!element) return undefined;
  const value = element.selected_option?.value ?? element.selected_date ?? element.value;
  return value === null || value === undefined || value === '' ? undefined : String(value);
}

/** Records a decision from a modal: field errors when the submitter may not decide or was too late. */
async function decideFromModal(
  { ack, body, view, client }: SubmitArgs,
  bot: BotContext,
  field: string,
  decision: (requestId: string) => RequestDecision,
): Promise<void> {
  const request = await bot.store.quotaRequest(view.private_metadata);
  const refused = request ? await refusal(client, bot, request, body.user.id) : alreadyDecided(undefined);
  if (!request || refused !== undefined) {
    await ack({ response_action: 'errors', errors: { [field]: refused ?? alreadyDecided(undefined) } });
    return;
  }
  const result = await bot.store.decideQuotaRequest(decision(request.id));
  if (!result.decided) {
    await ack({ response_action: 'errors', errors: { [field]: alreadyDecided(result.request, false) } });
    return;
  }
  await ack();
  await announceDecision(bot, client, result.request);
}

export function registerQuotaViews(app: App, bot: BotContext): void {
  app.view<ViewSubmitAction>(QUOTA_VIEWS.request, async ({ ack, body, view, client }) => {
    const input: RequestInput = {
      team: valueOf(view, 'team'),
      amount: valueOf(view, 'amount'),
      duration: valueOf(view, 'duration'),
      until: valueOf(view, 'until'),
      reason: valueOf(view, 'reason'),
    };
    const checked = await checkRequest(input, bot);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: checked.errors as Record<string, string> });
      return;
    }
    const record = await storeRequest(bot, body.user.id, checked.request);
    await ack({ response_action: 'update', view: requestSentModal(record) });
    await postCards(bot, client, record);
  });

  app.view<ViewSubmitAction>(QUOTA_VIEWS.deny, async (args) => {
    const reason = valueOf(args.view, 'reason')?.trim();
    if (!reason) return args.ack({ response_action: 'errors', errors: { reason: 'Say why, for the requester.' } });
    await decideFromModal(args, bot, 'reason', (requestId) => ({
      action: 'deny',
      requestId,
      by: args.body.user.id,
      at: bot.now(),
      reason,
    }));
  });

  app.view<ViewSubmitAction>(QUOTA_VIEWS.adjust, async (args) => {
    const request = await bot.store.quotaRequest(args.view.private_metadata);
    let amount: number;
    try {
      const parsed = parseAmount(valueOf(args.view, 'amount') ?? '', request?.unit);
      if (request && parsed.unit !== request.unit)
        throw new BudgetError(
          `The request is in ${request.unit === 'usd' ? 'dollars' : 'tokens'}; approve an amount in ${request.unit === 'usd' ? 'dollars' : 'tokens'}.`,
        );
      amount = parsed.amount;
    } catch (error) {
      if (!(error instanceof BudgetError)) throw error;
      return args.ack({ response_action: 'errors', errors: { amount: error.message } });
    }
    const note = valueOf(args.view, 'reason')?.trim();
    await decideFromModal(args, bot, 'amount', (requestId) => ({
      action: 'adjust',
      requestId,
      by: args.body.user.id,
      at: bot.now(),
      amount,
      ...(note ? { reason: note } : {}),
    }));
  });
}
