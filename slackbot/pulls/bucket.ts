// What both provider pulls share: the paging loop with its cursor, bucket arithmetic, deterministic event ids and
// the team map.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { BotContext } from '../context';
import { storeUsage } from '../ledger';
import type { LedgerEvent } from '../store/store';

export const HOUR_S = 3600;
/** A bucket is pulled only once it ended this long ago, so late-arriving usage is in it. */
export const SETTLE_S = 30 * 60;

export function floorHour(seconds: number): number {
  return Math.floor(seconds / HOUR_S) * HOUR_S;
}

/** The same bucket and group always give the same id, so pulling it again never counts it twice. */
export function bucketEventId(
  source: string,
  bucketStart: number,
  group: readonly (string | null | undefined | boolean)[],
): string {
  const digest = createHash('sha256').update(JSON.stringify(group)).digest('hex').slice(0, 32);
  return `${source}:${bucketStart}:${digest}`;
}

export interface UsagePage {
  events: LedgerEvent[];
  /** End (s) of the page's last bucket. */
  last: number;
  /** The next page's token; absent on the last page. */
  next?: string;
}

/**
 * Pulls the window from the cursor (or the look-back) to the last settled hour, page by page. Each page holds whole
 * buckets, so it is stored together with the cursor moved to its last bucket's end: a restart resumes there, with no
 * gap and nothing counted twice. Returns how many events were new.
 */
export async function pullWindow(
  bot: BotContext,
  source: string,
  fetchPage: (start: number, end: number, page: string | undefined) => Promise<UsagePage>,
): Promise<number> {
  const { start, end } = window(
    await bot.store.cursor(source),
    Math.floor(bot.now().getTime() / 1000),
    bot.config.pulls.lookbackDays,
  );
  let stored = 0;
  let page: string | undefined;
  while (start < end) {
    const { events, last, next } = await fetchPage(start, end, page);
    // The last page closes the window even where its final hours had no usage (and so no bucket).
    const result = await storeUsage(bot, events, { source, value: String(next ? last : end) });
    stored += result.inserted;
    if (!next) break;
    page = next;
  }
  return stored;
}

/** A provider's response page checked against its schema; an unexpected shape names the first bad field. */
export function parsePage<T>(schema: z.ZodType<T>, data: unknown, provider: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `${provider} usage page has an unexpected shape: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

/** The pull window: from the cursor (or the look-back) to the last settled hour; empty when nothing is due. */
export function window(cursor: string | undefined, nowS: number, lookbackDays: number): { start: number; end: number } {
  const end = floorHour(nowS - SETTLE_S);
  const start = cursor !== undefined ? Number(cursor) : floorHour(nowS - lookbackDays * 86_400);
  return { start, end };
}

export function teamFor(
  map: Readonly<Record<string, string>>,
  ...ids: Array<string | null | undefined>
): string | undefined {
  for (const id of ids) if (id && map[id]) return map[id];
  return undefined;
}
