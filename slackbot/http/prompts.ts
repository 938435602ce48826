// GET /v1/usage/prompts?app=&from=&to=: what each prompt id really cost over a window of the ledger's days, for the
// CLI's --volumes-from and the editor. Read-only, behind its own bearer token (READ_TOKEN); off (404) when unset.
// The answer is core's observedUsageSchema, which the readers check it with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ObservedUsage } from '../../core';
import type { BotContext } from '../context';
import { localDay } from '../ledger';
import { authorized } from './ingest';
import { queryParams } from './quotaCheck';
import { sendJson } from './respond';

/** The window when none is given: the last 7 complete days. */
export const DEFAULT_DAYS = 7;
/** The longest window one request may ask for: a year, leap day included. */
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const day = z.iso.date('must be a date such as 2026-11-22 (YYYY-MM-DD)');

const querySchema = z.strictObject(
  {
    app: z
      .string()
      .trim()
      .min(1, 'must not be empty; leave app out for every app')
      .max(200, 'must be at most 200 characters')
      .optional(),
    from: day.optional(),
    to: day.optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown parameter; use app, from and to' : undefined) },
);

const dayNumber = (text: string) => Date.parse(`${text}T00:00:00Z`) / DAY_MS;
const dayText = (number: number) => new Date(number * DAY_MS).toISOString().slice(0, 10);

type Window = { from: string; to: string; days: number } | { field: string; message: string };

/** The inclusive window asked for: `to` defaults to the last complete day, `from` to 7 days ending at `to`. */
export function usageWindow(query: { from?: string; to?: string }, today: string): Window {
  const to = query.to === undefined ? dayNumber(today) - 1 : dayNumber(query.to);
  const from = query.from === undefined ? to - (DEFAULT_DAYS - 1) : dayNumber(query.from);
  const days = to - from + 1;
  if (days < 1) return { field: 'from', message: `must be on or before to (${dayText(to)})` };
  if (days > MAX_DAYS) return { field: 'from', message: `the window is ${days} days; ask for at most ${MAX_DAYS}` };
  return { from: dayText(from), to: dayText(to), days };
}

const badRequest = (res: ServerResponse, field: string, message: string) =>
  sendJson(res, 400, { error: `${field}: ${message}`, field });

export async function promptUsageRoute(req: IncomingMessage, res: ServerResponse, bot: BotContext): Promise<void> {
  const token = bot.config.readToken;
  if (token === undefined) return sendJson(res, 404, { error: 'read API is off: the bot has no READ_TOKEN' });
  if (!authorized(req, token))
    return sendJson(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer' });
  const params = queryParams(req.url ?? '/');
  if (!('params' in params)) return badRequest(res, params.field, params.message);
  const parsed = querySchema.safeParse(params.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown parameter's issue names it in `keys`, not in its path.
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0]);
    return badRequest(res, field, issue.message);
  }
  const window = usageWindow(parsed.data, localDay(bot.now().getTime(), bot.timeZone));
  if ('field' in window) return badRequest(res, window.field, window.message);
  const app = parsed.data.app ?? null;
  const rows = await bot.store.promptUsage({ fromDay: window.from, toDay: window.to, app });
  const answer: ObservedUsage = {
    app,
    from: window.from,
    to: window.to,
    days: window.days,
    prompts: rows.map((row) => ({
      prompt: row.prompt,
      calls: row.requests,
      callsPerDay: row.requests / window.days,
      inputTokens: row.inputTokens,
      cacheReadTokens: row.cacheReadTokens,
      outputTokens: row.outputTokens,
      costNanos: row.costNanos,
    })),
  };
  sendJson(res, 200, answer, { 'cache-control': 'no-store' });
}
