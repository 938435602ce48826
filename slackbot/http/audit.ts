// GET /v1/quota/audit.csv: the audit trail of budget changes, quota requests and decisions, oldest first, as CSV
// (RFC 4180), bearer-token authenticated: with AUDIT_TOKEN when set (so gateways holding the ingest token cannot read
// who asked for what and why), else the ingest token. `?team=NAME` keeps one team's lines.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotContext } from '../context';
import type { AuditEntry } from '../store/quota';
import { authorized } from './ingest';
import { sendJson } from './respond';

const COLUMNS = [
  'seq',
  'at',
  'action',
  'actor',
  'request_id',
  'scope',
  'subject',
  'unit',
  'amount',
  'period',
  'expires_at',
  'reason',
] as const;

/**
 * One CSV field: quoted when it holds a comma, quote, line break or edge space, quotes doubled. Text a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, since reasons are anyone's text.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(entry: AuditEntry): string {
  const values: Record<(typeof COLUMNS)[number], string | number | null> = {
    seq: entry.seq,
    at: entry.at.toISOString(),
    action: entry.action,
    actor: entry.actor,
    request_id: entry.requestId,
    scope: entry.scope,
    subject: entry.subject,
    unit: entry.unit,
    amount: entry.amount,
    period: entry.period,
    expires_at: entry.expiresAt?.toISOString() ?? null,
    reason: entry.reason,
  };
  return COLUMNS.map((column) => csvField(values[column])).join(',');
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  return [COLUMNS.join(','), ...entries.map(row)].map((line) => `${line}\r\n`).join('');
}

export async function exportAudit(req: IncomingMessage, res: ServerResponse, bot: BotContext): Promise<void> {
  if (!authorized(req, bot.config.auditToken)) {
    sendJson(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  const team = new URL(req.url ?? '/', 'http://localhost').searchParams.get('team') ?? undefined;
  const body = auditCsv(await bot.store.auditTrail({ team }));
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="quota-audit${team ? `-${team.replace(/[^\w.-]/g, '_')}` : ''}.csv"`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
