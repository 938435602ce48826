// What both provider pulls share: bucket arithmetic, deterministic event ids and the team map.
import { createHash } from 'node:crypto';

export const HOUR_S = 3600;
/** A bucket is pulled only once it ended this long ago, so late-arriving usage is in it. */
export const SETTLE_S = 30 * 60;

export function floorHour(seconds: number): number {
  return Math.floor(seconds / HOUR_S) * HOUR_S;
}

/** The same bucket and group always give the same id, so pulling it again never counts it twice. */
export function bucketEventId(source: string, bucketStart: number, group: readonly (string | null | undefined | boolean)[]): string {
  const digest = createHash('sha256').update(JSON.stringify(group)).digest('hex').slice(0, 32);
  return `${source}:${bucketStart}:${digest}`;
}

/** The pull window: from the cursor (or the look-back) to the last settled hour; empty when nothing is due. */
export function window(cursor: string | undefined, nowS: number, lookbackDays: number): { start: number; end: number } {
  const end = floorHour(nowS - SETTLE_S);
  const start = cursor !== undefined ? Number(cursor) : floorHour(nowS - lookbackDays * 86_400);
  return { start, end };
}

export function teamFor(map: Readonly<Record<string, string>>, ...ids: Array<string | null | undefined>): string | undefined {
  for (const id of ids) if (id && map[id]) return map[id];
  return undefined;
}
