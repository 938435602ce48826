// The guardrail half of the storage contract: rate counters, breaker calls and tripped breakers. Both stores run the
// same admission below (written once as statements) inside one write transaction of their own (SQLite: BEGIN IMMEDIATE, one writer at a time;
// PostgreSQL: a per-identity advisory lock for the breaker, row locks for the counters), so whatever the number of
// instances on the store, a counter never passes its limit and a breaker trips once.
import {
  breakerActive,
  breakerVerdict,
  breakerWindowStart,
  coolDownEnd,
  type BreakerRule,
  type RateStep,
  type TrippedBreaker,
  type WindowTotals,
} from '../../core';

/** Who and what a breaker's alert names. */
export interface CallContext {
  session: string;
  user: string;
  app: string;
  team: string;
  environment: string;
  model: string;
}

/** The call a check admits, as its breaker identity counts it. */
export interface BreakerCall {
  identity: string;
  tokens: number;
  costNanos: number;
  /** '' when the gateway sent none. */
  fingerprint: string;
  /** The breakers that apply to the call. */
  rules: readonly BreakerRule[];
  context: CallContext;
}

export interface Admission {
  at: Date;
  steps: readonly RateStep[];
  call?: BreakerCall;
}

export type BreakerDecision = 'released' | 'kept';

export interface BreakerRecord extends TrippedBreaker, CallContext {
  /** Calls before this instant no longer count (the last reset). */
  countsFrom: Date;
  /** The window's totals when it tripped. */
  calls: number;
  tokens: number;
  costNanos: number;
  decision: BreakerDecision | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export type AdmissionResult =
  | { admitted: true }
  /** Counters that had no room; nothing was counted. */
  | { admitted: false; full: RateStep[] }
  /** The breaker blocks: tripped by this call (`tripped`, this instance alerts) or already. */
  | { admitted: false; breaker: BreakerRecord; tripped: boolean };

export interface BreakerAuditEntry {
  seq: number;
  at: Date;
  action: 'tripped' | BreakerDecision;
  actor: string;
  identity: string;
  trippedAt: Date;
  reason: string | null;
}

export interface BreakerDecisionInput {
  identity: string;
  /** The trip the button was for: a later trip is not decided by an old card. */
  trippedAt: Date;
  decision: BreakerDecision;
  by: string;
  at: Date;
}

export interface GuardrailStore {
  /** The last trip of `identity`'s breaker, blocking or not (core's breakerActive says). */
  breaker(identity: string): Promise<BreakerRecord | undefined>;
  /**
   * Admits a call or not, atomically: the breaker first (the call is recorded, its window summed, and the breaker
   * tripped when a threshold is passed), then every rate counter steps, or none does.
   */
  admit(admission: Admission): Promise<AdmissionResult>;
  /** Release (unblock now, the window starts afresh) or keep blocked past the cool-down, once, audited. */
  decideBreaker(input: BreakerDecisionInput): Promise<{ decided: boolean; breaker: BreakerRecord | undefined }>;
  breakerAudit(): Promise<BreakerAuditEntry[]>;
  /** Drops counters and calls no window reaches any more. */
  pruneGuardrails(countersBefore: Date, callsBefore: Date): Promise<void>;
}

type Row = Record<string, unknown>;

/**
 * A statement for the store to run in its transaction (`?` markers, bound in order): `rows` gives back the rows,
 * `run` the number changed, `lock` serialises the work on one identity (a no-op where the transaction already
 * excludes every other writer). The work is written once as a generator yielding groups of statements, so SQLite
 * runs it synchronously inside its transaction and PostgreSQL sends each group in one round trip.
 */
export type Statement = { op: 'rows' | 'run'; sql: string; params: readonly unknown[] } | { op: 'lock'; key: string };
export type TxWork<T> = Generator<readonly Statement[], T, unknown[]>;

function* rows(sql: string, params: readonly unknown[]): TxWork<Row[]> {
  return (yield [{ op: 'rows', sql, params }])[0] as Row[];
}

function* run(sql: string, params: readonly unknown[]): TxWork<number> {
  return (yield [{ op: 'run', sql, params }])[0] as number;
}

const dateOrNull = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)));

export function breakerFromRow(row: Row): BreakerRecord {
  return {
    identity: String(row.identity),
    rule: String(row.rule),
    reason: String(row.reason),
    trippedAt: new Date(Number(row.tripped_at)),
    until: dateOrNull(row.until_at),
    countsFrom: new Date(Number(row.counts_from)),
    session: String(row.session),
    user: String(row.user_id),
    app: String(row.app),
    team: String(row.team),
    environment: String(row.environment),
    model: String(row.model),
    calls: Number(row.calls),
    tokens: Number(row.tokens),
    costNanos: Number(row.cost_nanos),
    decision: (row.decision ?? null) as BreakerDecision | null,
    decidedBy: row.decided_by === null || row.decided_by === undefined ? null : String(row.decided_by),
    decidedAt: dateOrNull(row.decided_at),
  };
}

export function breakerAuditFromRow(row: Row): BreakerAuditEntry {
  return {
    seq: Number(row.seq),
    at: new Date(Number(row.at)),
    action: row.action as BreakerAuditEntry['action'],
    actor: String(row.actor),
    identity: String(row.identity),
    trippedAt: new Date(Number(row.tripped_at)),
    reason: row.reason === null || row.reason === undefined ? null : String(row.reason),
  };
}

// Columns named, not `*`: PostgreSQL prepares this read (see `prepared` in postgres.ts).
export const BREAKER_SQL = `SELECT identity, rule, reason, tripped_at, until_at, counts_from, session, user_id, app, team,
  environment, model, calls, tokens, cost_nanos, decision, decided_by, decided_at FROM breakers WHERE identity = ?`;

function* audit(entry: Omit<BreakerAuditEntry, 'seq'>): TxWork<void> {
  yield* run('INSERT INTO breaker_audit (at, action, actor, identity, tripped_at, reason) VALUES (?, ?, ?, ?, ?, ?)', [
    entry.at.getTime(),
    entry.action,
    entry.actor,
    entry.identity,
    entry.trippedAt.getTime(),
    entry.reason,
  ]);
}

/** The identity's calls summed per window start: calls, tokens, cost, and calls with `fingerprint`. */
function windowSums(
  identity: string,
  fingerprint: string,
  starts: readonly number[],
  at: number,
): { op: 'rows'; sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const columns = starts.map((from, i) => {
    params.push(from, from, from, fingerprint, from);
    return `SUM(CASE WHEN at >= ? THEN 1 ELSE 0 END) AS calls${i}, SUM(CASE WHEN at >= ? THEN tokens ELSE 0 END) AS tokens${i},
      SUM(CASE WHEN at >= ? THEN cost_nanos ELSE 0 END) AS cost${i},
      SUM(CASE WHEN fingerprint = ? AND at >= ? THEN 1 ELSE 0 END) AS repeats${i}`;
  });
  return {
    op: 'rows',
    sql: `SELECT ${columns.join(', ')} FROM breaker_calls WHERE identity = ? AND at >= ? AND at <= ?`,
    params: [...params, identity, Math.min(...starts), at],
  };
}

/** Records the call and trips its breaker when a window passes a threshold; the breaker when it blocks. */
function* admitCall(call: BreakerCall, at: number): TxWork<{ breaker: BreakerRecord; tripped: boolean } | undefined> {
  // In one group: the lock, the breaker, the call recorded (undone with the transaction when the breaker blocks) and
  // every rule's window summed in one read of the identity's calls, as if the breaker never reset.
  let starts = call.rules.map((rule) => breakerWindowStart(rule, at, 0));
  const answers = yield [
    { op: 'lock', key: call.identity },
    { op: 'rows', sql: BREAKER_SQL, params: [call.identity] },
    {
      op: 'run',
      sql: 'INSERT INTO breaker_calls (identity, at, tokens, cost_nanos, fingerprint) VALUES (?, ?, ?, ?, ?)',
      params: [call.identity, at, call.tokens, call.costNanos, call.fingerprint],
    },
    windowSums(call.identity, call.fingerprint, starts, at),
  ];
  const current = (answers[1] as Row[])[0];
  const existing = current && breakerFromRow(current);
  if (existing && breakerActive(existing, at)) return { breaker: existing, tripped: false };
  let sums = (answers[3] as Row[])[0];
  // A breaker that reset by itself counts afresh from when it did: its windows are summed again from there.
  const countsFrom = existing ? Math.max(existing.countsFrom.getTime(), existing.until?.getTime() ?? 0) : 0;
  if (starts.some((start) => start < countsFrom)) {
    starts = call.rules.map((rule) => breakerWindowStart(rule, at, countsFrom));
    const again = windowSums(call.identity, call.fingerprint, starts, at);
    sums = (yield* rows(again.sql, again.params))[0];
  }
  for (const [i, rule] of call.rules.entries()) {
    const totals: WindowTotals = {
      calls: Number(sums![`calls${i}`] ?? 0),
      tokens: Number(sums![`tokens${i}`] ?? 0),
      costNanos: Number(sums![`cost${i}`] ?? 0),
      repeats: call.fingerprint === '' ? 0 : Number(sums![`repeats${i}`] ?? 0),
    };
    const reason = breakerVerdict(rule, totals);
    if (reason === undefined) continue;
    const until = coolDownEnd(rule, at);
    const { session, user, app, team, environment, model } = call.context;
    yield* run(
      `INSERT INTO breakers (identity, rule, reason, tripped_at, until_at, counts_from, session, user_id, app, team, environment, model, calls, tokens, cost_nanos, decision, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)
       ON CONFLICT (identity) DO UPDATE SET rule = excluded.rule, reason = excluded.reason, tripped_at = excluded.tripped_at,
         until_at = excluded.until_at, counts_from = excluded.counts_from, session = excluded.session, user_id = excluded.user_id,
         app = excluded.app, team = excluded.team, environment = excluded.environment, model = excluded.model, calls = excluded.calls,
         tokens = excluded.tokens, cost_nanos = excluded.cost_nanos, decision = NULL, decided_by = NULL, decided_at = NULL`,
      [
        call.identity,
        rule.id,
        reason,
        at,
        until,
        until,
        session,
        user,
        app,
        team,
        environment,
        model,
        totals.calls,
        totals.tokens,
        totals.costNanos,
      ],
    );
    yield* audit({
      at: new Date(at),
      action: 'tripped',
      actor: 'tokenwise',
      identity: call.identity,
      trippedAt: new Date(at),
      reason,
    });
    return { breaker: breakerFromRow((yield* rows(BREAKER_SQL, [call.identity]))[0]!), tripped: true };
  }
  return undefined;
}

/**
 * The admission both stores run in their transaction. Returns `commit: false` when the transaction must be rolled
 * back (a counter was full: nothing the call did may stay).
 */
export function* admissionWork({ at, steps, call }: Admission): TxWork<{ result: AdmissionResult; commit: boolean }> {
  const time = at.getTime();
  if (call) {
    const blocked = yield* admitCall(call, time);
    if (blocked) return { result: { admitted: false, ...blocked }, commit: blocked.tripped };
  }
  const full: RateStep[] = [];
  if (steps.length) {
    const limit = (value: number | null) => value ?? Number.MAX_SAFE_INTEGER;
    // Every counter in one conditional upsert, in key order so concurrent admissions lock rows in the same order;
    // a row's lock makes a concurrent step wait, then re-check its limit (the subquery finds the step's own).
    const ordered = [...steps].sort((a, b) =>
      a.rule !== b.rule ? (a.rule < b.rule ? -1 : 1) : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0,
    );
    const values = ordered.map(() => '(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), 1, CAST(? AS BIGINT))');
    const limits = ordered.map(() => '(CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT))');
    const within = (column: string) => `(SELECT ${column} FROM (VALUES ${limits.join(', ')}) AS limits
      WHERE limits.column1 = excluded.rule AND limits.column2 = excluded.subject)`;
    const limitParams = ordered.flatMap((step) => [step.rule, step.subject, limit(step.rpm), limit(step.tpm)]);
    const stepped = yield* rows(
      `INSERT INTO rate_counters (rule, subject, window_start, requests, tokens) VALUES ${values.join(', ')}
       ON CONFLICT (rule, subject, window_start) DO UPDATE SET requests = rate_counters.requests + 1, tokens = rate_counters.tokens + excluded.tokens
       WHERE rate_counters.requests + 1 <= ${within('column3')} AND rate_counters.tokens + excluded.tokens <= ${within('column4')}
       RETURNING rule, subject`,
      [
        ...ordered.flatMap((step) => [step.rule, step.subject, step.windowStart, step.tokens]),
        ...limitParams,
        ...limitParams,
      ],
    );
    const counted = new Set(stepped.map((row) => `${row.rule}\u0000${row.subject}`));
    // A first step always fits: rateSteps denies a request over a whole minute's tokens before it gets here.
    for (const step of steps) if (!counted.has(`${step.rule}\u0000${step.subject}`)) full.push(step);
  }
  return full.length
    ? { result: { admitted: false, full }, commit: false }
    : { result: { admitted: true }, commit: true };
}

/** The decision on a breaker, in the store's transaction. */
export function* breakerDecisionWork(
  input: BreakerDecisionInput,
): TxWork<{ decided: boolean; breaker: BreakerRecord | undefined }> {
  const at = input.at.getTime();
  const active = '(until_at IS NULL OR until_at > ?)';
  const changed =
    input.decision === 'released'
      ? yield* run(
          `UPDATE breakers SET until_at = ?, counts_from = ?, decision = 'released', decided_by = ?, decided_at = ? WHERE identity = ? AND tripped_at = ? AND ${active}`,
          [at, at, input.by, at, input.identity, input.trippedAt.getTime(), at],
        )
      : yield* run(
          `UPDATE breakers SET until_at = NULL, decision = 'kept', decided_by = ?, decided_at = ? WHERE identity = ? AND tripped_at = ? AND decision IS NULL AND ${active}`,
          [input.by, at, input.identity, input.trippedAt.getTime(), at],
        );
  if (changed === 1)
    yield* audit({
      at: input.at,
      action: input.decision,
      actor: input.by,
      identity: input.identity,
      trippedAt: input.trippedAt,
      reason: null,
    });
  const row = (yield* rows(BREAKER_SQL, [input.identity]))[0];
  return { decided: changed === 1, breaker: row && breakerFromRow(row) };
}
