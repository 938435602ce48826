// The quota half of the storage contract: budgets set by admins, quota requests and their one decision, the grants
// decisions create, an append-only audit trail, and the alert dedupe. Row mapping is shared by both stores.
import { exactAmount, type Budget, type BudgetScope, type BudgetUnit, type Grant, type PeriodKind } from '../../core';

export interface StoredBudget extends Budget {
  setBy: string;
  setAt: Date;
}

export type RequestStatus = 'pending' | 'approved' | 'adjusted' | 'denied';

export interface NewQuotaRequest {
  team: string;
  requester: string;
  unit: BudgetUnit;
  /** Whole tokens, or nano-dollars when `unit` is `usd`. */
  amount: number;
  /** Last local day of a temporary increase (`YYYY-MM-DD`), or null when permanent. */
  until: string | null;
  /** When a temporary increase ends (exclusive), or null when permanent. */
  expiresAt: Date | null;
  reason: string;
  at: Date;
}

export interface QuotaRequestRecord extends Omit<NewQuotaRequest, 'at'> {
  id: string;
  status: RequestStatus;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** The denial's reason, or the approver's note on an adjustment. */
  decisionReason: string | null;
  /** What was granted: the amount asked for, another one (adjusted), or null (pending, denied). */
  grantedAmount: number | null;
}

export type RequestDecision =
  | { action: 'approve'; requestId: string; by: string; at: Date }
  | { action: 'adjust'; requestId: string; by: string; at: Date; amount: number; reason?: string }
  | { action: 'deny'; requestId: string; by: string; at: Date; reason: string };

export interface StoredGrant extends Grant {
  id: string;
  /** The request the grant answers; null for a grant made otherwise. */
  requestId: string | null;
  scope: BudgetScope;
  subject: string;
  unit: BudgetUnit;
  approvedBy: string;
}

/**
 * The outcome of deciding: `decided` only for the one caller whose decision was recorded; everyone else gets the
 * request as it now stands (already decided by someone else), or none when there is no such request.
 */
export type DecisionResult =
  | { decided: true; request: QuotaRequestRecord; grant: StoredGrant | null }
  | { decided: false; request: QuotaRequestRecord | undefined };

export type AuditAction = 'budget-set' | 'requested' | 'approved' | 'adjusted' | 'denied';

/** One line of the append-only audit trail, oldest first. */
export interface AuditEntry {
  seq: number;
  at: Date;
  action: AuditAction;
  actor: string;
  /** The request concerned; null for a budget change. */
  requestId: string | null;
  scope: BudgetScope;
  subject: string;
  unit: BudgetUnit;
  /** Requested, granted or budgeted amount (tokens or nano-dollars); null for a denial. */
  amount: number | null;
  /** The budget's period for a budget change, else null. */
  period: PeriodKind | null;
  expiresAt: Date | null;
  reason: string | null;
}

export interface RequestQuery {
  team?: string;
  requester?: string;
  status?: RequestStatus;
  /** Newest first, at most this many (default 50). */
  limit?: number;
}

export interface GrantQuery {
  scope?: BudgetScope;
  subject?: string;
  unit?: BudgetUnit;
}

export interface QuotaStore {
  /** Creates or replaces the budget of (scope, subject, unit) and records the change in the audit trail. */
  setBudget(budget: Budget, by: string, at: Date): Promise<StoredBudget>;
  /** Every admin-set budget, by scope, subject and unit. */
  budgets(): Promise<StoredBudget[]>;
  /** Stores a pending request (and its audit line) and returns it with its new id. */
  createQuotaRequest(request: NewQuotaRequest): Promise<QuotaRequestRecord>;
  quotaRequest(id: string): Promise<QuotaRequestRecord | undefined>;
  /** Requests newest first. */
  quotaRequests(query?: RequestQuery): Promise<QuotaRequestRecord[]>;
  /**
   * Decides a pending request exactly once: the status change, the grant (approve / adjust) and the audit line in
   * one transaction, conditional on the request still being pending. Concurrent deciders: one wins.
   */
  decideQuotaRequest(decision: RequestDecision): Promise<DecisionResult>;
  /** Where the request's approval cards were posted, so a decision can update them all. */
  addRequestCard(requestId: string, channel: string, ts: string): Promise<void>;
  requestCards(requestId: string): Promise<Array<{ channel: string; ts: string }>>;
  /** Grants approved by `at` and not expired at `at`: a temporary grant stops counting by itself. */
  grantsInForce(at: Date, query?: GrantQuery): Promise<StoredGrant[]>;
  /** The audit trail oldest first; with `team`, only lines about that team. */
  auditTrail(query?: { team?: string }): Promise<AuditEntry[]>;
  /** True only the first time `key` is claimed, across restarts and instances. */
  claimAlert(key: string, at: Date): Promise<boolean>;
  /** Gives a claimed key back (its alert could not be posted), so the next run claims and posts it again. */
  releaseAlert(key: string): Promise<void>;
}

type Row = Record<string, unknown>;

const num = (value: unknown) => Number(value);
const numOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const dateOrNull = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)));
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));
/** Tokens or nano-dollars: PostgreSQL's bigint comes back as text, taken exactly. */
const amountOrNull = (value: unknown) => (value === null || value === undefined ? null : exactAmount(value));

export function budgetFromRow(row: Row): StoredBudget {
  return {
    scope: row.scope as BudgetScope,
    subject: String(row.subject),
    unit: row.unit as BudgetUnit,
    period: row.period as PeriodKind,
    limit: exactAmount(row.limit_amount),
    thresholds: JSON.parse(String(row.thresholds)) as number[],
    hardCapPercent: numOrNull(row.hard_cap_percent),
    setBy: String(row.set_by),
    setAt: new Date(num(row.set_at)),
  };
}

export function requestFromRow(row: Row): QuotaRequestRecord {
  return {
    id: String(row.id),
    team: String(row.team),
    requester: String(row.requester),
    unit: row.unit as BudgetUnit,
    amount: exactAmount(row.amount),
    until: textOrNull(row.until_day),
    expiresAt: dateOrNull(row.expires_at),
    reason: String(row.reason),
    status: row.status as RequestStatus,
    createdAt: new Date(num(row.created_at)),
    decidedBy: textOrNull(row.decided_by),
    decidedAt: dateOrNull(row.decided_at),
    decisionReason: textOrNull(row.decision_reason),
    grantedAmount: amountOrNull(row.granted_amount),
  };
}

export function grantFromRow(row: Row): StoredGrant {
  return {
    id: String(row.id),
    requestId: textOrNull(row.request_id),
    scope: row.scope as BudgetScope,
    subject: String(row.subject),
    unit: row.unit as BudgetUnit,
    amount: exactAmount(row.amount),
    approvedBy: String(row.approved_by),
    approvedAt: new Date(num(row.approved_at)),
    expiresAt: dateOrNull(row.expires_at),
  };
}

export function auditFromRow(row: Row): AuditEntry {
  return {
    seq: num(row.seq),
    at: new Date(num(row.at)),
    action: row.action as AuditAction,
    actor: String(row.actor),
    requestId: textOrNull(row.request_id),
    scope: row.scope as BudgetScope,
    subject: String(row.subject),
    unit: row.unit as BudgetUnit,
    amount: amountOrNull(row.amount),
    period: textOrNull(row.period) as PeriodKind | null,
    expiresAt: dateOrNull(row.expires_at),
    reason: textOrNull(row.reason),
  };
}

/** What a decision writes: the request's new status and granted amount, and the audit action. */
export function decisionOutcome(decision: RequestDecision, requested: number) {
  switch (decision.action) {
    case 'approve':
      return { status: 'approved' as const, granted: requested, reason: null, audit: 'approved' as const };
    case 'adjust':
      return {
        status: 'adjusted' as const,
        granted: decision.amount,
        reason: decision.reason ?? null,
        audit: 'adjusted' as const,
      };
    case 'deny':
      return { status: 'denied' as const, granted: null, reason: decision.reason, audit: 'denied' as const };
  }
}

/** How a dialect writes its n-th parameter marker, and a text column compared by code unit (as SQLite does). */
export interface Dialect {
  placeholder: (n: number) => string;
  codeUnitOrder: (column: string) => string;
}

/** A request query and its parameters: newest first; ties (same millisecond) by id, so both stores agree. */
export function requestQuerySql(
  query: RequestQuery,
  { placeholder, codeUnitOrder }: Dialect,
): { sql: string; params: Array<string | number> } {
  const params: Array<string | number> = [];
  const where: string[] = [];
  if (query.team !== undefined) where.push(`team = ${placeholder(params.push(query.team))}`);
  if (query.requester !== undefined) where.push(`requester = ${placeholder(params.push(query.requester))}`);
  if (query.status !== undefined) where.push(`status = ${placeholder(params.push(query.status))}`);
  const limit = placeholder(params.push(query.limit ?? 50));
  return {
    sql: `SELECT * FROM quota_requests${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, ${codeUnitOrder('id')} DESC LIMIT ${limit}`,
    params,
  };
}

export function grantQuerySql(
  at: Date,
  query: GrantQuery,
  { placeholder, codeUnitOrder }: Dialect,
): { sql: string; params: Array<string | number> } {
  const params: Array<string | number> = [];
  // Markers in the order their values were pushed: SQLite's `?` binds by position.
  const where = [
    `approved_at <= ${placeholder(params.push(at.getTime()))}`,
    `(expires_at IS NULL OR expires_at > ${placeholder(params.push(at.getTime()))})`,
  ];
  if (query.scope !== undefined) where.push(`scope = ${placeholder(params.push(query.scope))}`);
  if (query.subject !== undefined) where.push(`subject = ${placeholder(params.push(query.subject))}`);
  if (query.unit !== undefined) where.push(`unit = ${placeholder(params.push(query.unit))}`);
  return {
    sql: `SELECT * FROM grants WHERE ${where.join(' AND ')} ORDER BY approved_at, ${codeUnitOrder('id')}`,
    params,
  };
}
