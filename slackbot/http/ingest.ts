// POST /v1/usage: a JSON array or NDJSON of usage events, bearer-token authenticated.
// A batch is all-or-nothing: any invalid row → 400 listing every row's errors, and nothing is stored. A valid batch
// is stored in one transaction; ids already stored are skipped, so a retried batch never counts twice.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AmountOverflowError, formatUsd, MAX_EVENT_COST_NANOS, parseUsageBatch, type RowError } from '../../core';
import type { BotContext } from '../context';
import { storeUsage, toLedgerEvent } from '../ledger';
import { BodyTooLarge, readBody, sendJson, tooLarge } from './respond';

export const MAX_BYTES = 16 * 1024 * 1024;
export const MAX_ROWS = 50_000;
const MAX_ERRORS = 1_000;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  // Compare digests: equal length, constant time, whatever the caller sent.
  return match !== null && timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

/** Rows of a JSON array, or of NDJSON (one JSON value per non-blank line); unparsable lines become row errors. */
export function splitRows(body: string): { rows: unknown[]; errors: RowError[] } {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      return { rows: JSON.parse(trimmed) as unknown[], errors: [] };
    } catch (error) {
      return {
        rows: [],
        errors: [{ row: 0, field: '', message: `body is not valid JSON: ${(error as Error).message}` }],
      };
    }
  }
  const rows: unknown[] = [];
  const errors: RowError[] = [];
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      errors.push({ row: rows.length, field: '', message: `line is not valid JSON: ${(error as Error).message}` });
      rows.push(undefined);
    }
  }
  return { rows, errors };
}

export async function ingestUsage(req: IncomingMessage, res: ServerResponse, bot: BotContext): Promise<void> {
  if (!authorized(req, bot.config.ingestToken)) {
    sendJson(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  let body: string;
  try {
    body = (await readBody(req, MAX_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLarge(res, `batch over ${MAX_BYTES} bytes: split it`);
    throw error;
  }
  const split = splitRows(body);
  if (split.errors.length && split.rows.length === 0)
    return sendJson(res, 400, { error: 'invalid batch', stored: 0, errors: split.errors });
  if (split.rows.length === 0)
    return sendJson(res, 400, {
      error: 'empty batch: send a JSON array or NDJSON of usage events',
      stored: 0,
      errors: [],
    });
  if (split.rows.length > MAX_ROWS)
    return sendJson(res, 413, { error: `batch of ${split.rows.length} rows is over ${MAX_ROWS}: split it` });
  const parsed = parseUsageBatch(split.rows);
  const lineErrors = new Set(split.errors.map((error) => error.row));
  const errors = [
    ...split.errors,
    ...(parsed.ok ? [] : parsed.errors.filter((error) => !lineErrors.has(error.row))),
  ].sort((a, b) => a.row - b.row);
  if (errors.length || !parsed.ok) {
    sendJson(res, 400, {
      error: 'invalid batch: nothing was stored',
      stored: 0,
      errors: errors.slice(0, MAX_ERRORS),
      errorCount: errors.length,
    });
    return;
  }
  const options = { source: 'api', timeZone: bot.timeZone, customModels: bot.policy.customModels };
  const events = parsed.events.map((event) => toLedgerEvent(event, options));
  // A reported cost is bounded by the schema; one priced from the table is bounded here.
  const overpriced: RowError[] = events.flatMap((event, row) =>
    event.costNanos > MAX_EVENT_COST_NANOS
      ? [
          {
            row,
            field: 'costNanos',
            message: `priced at ${formatUsd(event.costNanos)} from the price table, over the ${formatUsd(MAX_EVENT_COST_NANOS)} one event may cost: split it`,
          },
        ]
      : [],
  );
  if (overpriced.length)
    return sendJson(res, 400, {
      error: 'invalid batch: nothing was stored',
      stored: 0,
      errors: overpriced.slice(0, MAX_ERRORS),
      errorCount: overpriced.length,
    });
  let result;
  try {
    result = await storeUsage(bot, events);
  } catch (error) {
    // The batch's own sums for one day and attribution passed exact numbers; the transaction stored nothing.
    if (error instanceof AmountOverflowError)
      return sendJson(res, 413, {
        error: `the batch's totals for one day and attribution pass ${Number.MAX_SAFE_INTEGER}: split it`,
        stored: 0,
      });
    throw error;
  }
  bot.log.info('usage ingested', { inserted: result.inserted, duplicates: result.duplicates });
  sendJson(res, 200, result);
}
