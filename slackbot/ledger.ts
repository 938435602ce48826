// From checked usage events to ledger events: the cost (the source's own, else priced from the price table at the
// event's date) and the organisation-local day the event counts for.
import {
  periodContaining,
  priceUsage,
  PricingError,
  UnpricedModelError,
  type CustomModelPrices,
  type PricingMode,
  type UsageEvent,
} from '../core';
import type { BotContext } from './context';
import type { IngestResult, LedgerEvent, PullCursor } from './store/store';

export interface LedgerOptions {
  source: string;
  timeZone: string;
  customModels?: CustomModelPrices;
  /** Batch-API usage is billed at the batch discount. */
  mode?: PricingMode;
}

const QUARTER_HOUR_MS = 900_000;
/** Days by time zone, then by UTC quarter-hour: numeric keys, so a lookup builds no string. */
const dayCache = new Map<string, Map<number, string>>();

/**
 * The local day of `time` in `timeZone`. Every UTC offset in use is a multiple of 15 minutes, so a day boundary
 * never falls inside a UTC quarter-hour and one lookup per quarter-hour serves all its events.
 */
export function localDay(time: number, timeZone: string): string {
  const quarter = Math.floor(time / QUARTER_HOUR_MS);
  let days = dayCache.get(timeZone);
  if (days === undefined) dayCache.set(timeZone, (days = new Map()));
  let day = days.get(quarter);
  if (day === undefined) {
    if (days.size > 200_000) days.clear();
    // The look-up is slow (Intl), so one serves every quarter-hour that starts within the same local day.
    const period = periodContaining(new Date(quarter * QUARTER_HOUR_MS), 'day', timeZone);
    day = period.key;
    for (let q = Math.ceil(period.start.getTime() / QUARTER_HOUR_MS); q * QUARTER_HOUR_MS < period.end.getTime(); q++)
      days.set(q, day);
  }
  return day;
}

export function toLedgerEvent(event: UsageEvent, options: LedgerOptions): LedgerEvent {
  const day = localDay(event.time, options.timeZone);
  if (event.costNanos !== undefined) return ledgerEvent(event, event.costNanos, 'reported', options.source, day);
  try {
    const cost = priceUsage(event, {
      model: event.model,
      provider: event.provider,
      at: new Date(event.time),
      mode: options.mode,
      customModels: options.customModels,
    });
    return ledgerEvent(event, cost.total, 'priced', options.source, day);
  } catch (error) {
    // A model without a usable price still counts its tokens; its cost shows as unpriced rather than losing the event.
    if (!(error instanceof UnpricedModelError || error instanceof PricingError)) throw error;
    return ledgerEvent(event, 0, 'unpriced', options.source, day);
  }
}

/**
 * The event with its cost, source and day, written out field by field: in V8 a spread followed by further fields
 * takes a slow path costing more than pricing and storing the event together. `satisfies` makes every field of the
 * event appear here, so one added later cannot be dropped.
 */
function ledgerEvent(
  event: UsageEvent,
  costNanos: number,
  costSource: LedgerEvent['costSource'],
  source: string,
  day: string,
): LedgerEvent {
  return {
    id: event.id,
    time: event.time,
    provider: event.provider,
    model: event.model,
    inputTokens: event.inputTokens,
    cacheReadTokens: event.cacheReadTokens,
    cacheWriteTokens: event.cacheWriteTokens,
    cacheWrite1hTokens: event.cacheWrite1hTokens,
    outputTokens: event.outputTokens,
    reasoningTokens: event.reasoningTokens,
    requests: event.requests,
    user: event.user,
    team: event.team,
    app: event.app,
    environment: event.environment,
    session: event.session,
    requestId: event.requestId,
    prompt: event.prompt,
    tags: event.tags,
    costNanos,
    costSource,
    source,
    day,
  } satisfies Record<keyof LedgerEvent, unknown>;
}

/**
 * Stores events (moving a pull cursor with them) and, when any were new, reports them through `bot.usageStored`,
 * so alerts are checked at once rather than at the next tick. Every source stores through here.
 */
export async function storeUsage(
  bot: BotContext,
  events: readonly LedgerEvent[],
  cursor?: PullCursor,
): Promise<IngestResult> {
  const result = await bot.store.ingest(events, cursor);
  if (result.inserted > 0) bot.usageStored?.(events);
  return result;
}
