// SQLite store (better-sqlite3): the embedded default. WAL keeps readers (the /tokens queries) off the writer's
// back; every ingest is one transaction, so an acknowledged batch survives a crash whole or not at all.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Budget } from '../../core';
import {
  admissionWork,
  breakerAuditFromRow,
  breakerDecisionWork,
  breakerFromRow,
  BREAKER_SQL,
  type Admission,
  type AdmissionResult,
  type BreakerAuditEntry,
  type BreakerDecisionInput,
  type BreakerRecord,
  type TxWork,
} from './guardrails';
import { migrations } from './migrations';
import {
  auditFromRow,
  budgetFromRow,
  decisionOutcome,
  grantFromRow,
  grantQuerySql,
  requestFromRow,
  requestQuerySql,
  type AuditEntry,
  type DecisionResult,
  type GrantQuery,
  type NewQuotaRequest,
  type QuotaRequestRecord,
  type RequestDecision,
  type RequestQuery,
  type StoredBudget,
  type StoredGrant,
  type Dialect,
} from './quota';
import {
  dailyUseRow,
  dailyUseSql,
  hourlyRows,
  hourlySql,
  promptUsageRows,
  promptUsageSql,
  rollup,
  sortRows,
  spendRow,
  spendSql,
  SUM_COLUMNS,
  type HourlyRow,
  type IngestResult,
  type LedgerEvent,
  type PromptUsageQuery,
  type PromptUsageRow,
  type QuotaSnapshot,
  type QuotaSnapshotQuery,
  type PullCursor,
  type SpendQuery,
  type SpendRow,
  type Store,
} from './store';

const DIALECT: Dialect = { placeholder: () => '?', codeUnitOrder: (column) => column };
const SUM_UPDATES = SUM_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ');

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly addDaily: Database.Statement;
  private readonly addDailyBy: Database.Statement;
  private readonly addDailyPrompt: Database.Statement;
  private readonly addHourly: Database.Statement;
  private readonly saveCursor: Database.Statement;
  private readonly readCursor: Database.Statement<[string], { value: string }>;
  private readonly ingestAll: (events: readonly LedgerEvent[], cursor?: PullCursor) => IngestResult;
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // The default 2 MB page cache thrashes once the ledger's indexes outgrow it; 64 MB keeps their upper levels hot.
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    this.insertEvent =
      this.db.prepare(`INSERT INTO usage_events (id, at, day, source, provider, model, requests, input_tokens,
      cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost_nanos,
      cost_source, user_id, team, app, environment, session, request_id, prompt, tags, ingested_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    this.addDaily = this.db.prepare(`INSERT INTO usage_daily (day, team, user_id, app, provider, model, requests,
      input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, team, user_id, app, provider, model) DO UPDATE SET ${SUM_UPDATES}`);
    this.addDailyBy = this.db.prepare(`INSERT INTO usage_daily_by (dimension, day, key, requests, input_tokens,
      cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (dimension, day, key) DO UPDATE SET ${SUM_UPDATES}`);
    this.addDailyPrompt = this.db.prepare(`INSERT INTO usage_daily_prompt (day, prompt, app, provider, model, requests,
      input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, prompt, app, provider, model) DO UPDATE SET ${SUM_UPDATES}`);
    this.addHourly = this.db.prepare(`INSERT INTO usage_hourly (hour, team, user_id, app, model, prompt, requests,
      input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (hour, team, user_id, app, model, prompt) DO UPDATE SET ${SUM_UPDATES}`);
    this.saveCursor = this.db.prepare(`INSERT INTO pull_cursors (source, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (source) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    this.readCursor = this.db.prepare('SELECT value FROM pull_cursors WHERE source = ?');
    this.ingestAll = this.db.transaction((events: readonly LedgerEvent[], cursor?: PullCursor) => {
      const now = Date.now();
      const inserted: LedgerEvent[] = [];
      for (const e of events) {
        const result = this.insertEvent.run(
          e.id,
          e.time,
          e.day,
          e.source,
          e.provider,
          e.model,
          e.requests,
          e.inputTokens,
          e.cacheReadTokens,
          e.cacheWriteTokens,
          e.cacheWrite1hTokens,
          e.outputTokens,
          e.reasoningTokens,
          e.costNanos,
          e.costSource,
          e.user ?? '',
          e.team ?? '',
          e.app ?? '',
          e.environment ?? '',
          e.session ?? '',
          e.requestId ?? '',
          e.prompt ?? '',
          JSON.stringify(e.tags),
          now,
        );
        if (result.changes === 1) inserted.push(e);
      }
      const { full, byDimension, byPrompt, byHour } = rollup(inserted);
      for (const r of full) {
        this.addDaily.run(
          r.day,
          r.team,
          r.user,
          r.app,
          r.provider,
          r.model,
          r.requests,
          r.inputTokens,
          r.cacheReadTokens,
          r.cacheWriteTokens,
          r.outputTokens,
          r.reasoningTokens,
          r.costNanos,
        );
      }
      for (const r of byDimension) {
        this.addDailyBy.run(
          r.dimension,
          r.day,
          r.key,
          r.requests,
          r.inputTokens,
          r.cacheReadTokens,
          r.cacheWriteTokens,
          r.outputTokens,
          r.reasoningTokens,
          r.costNanos,
        );
      }
      for (const r of byPrompt) {
        this.addDailyPrompt.run(
          r.day,
          r.prompt,
          r.app,
          r.provider,
          r.model,
          r.requests,
          r.inputTokens,
          r.cacheReadTokens,
          r.cacheWriteTokens,
          r.outputTokens,
          r.reasoningTokens,
          r.costNanos,
        );
      }
      for (const r of byHour) {
        this.addHourly.run(
          r.hour,
          r.team,
          r.user,
          r.app,
          r.model,
          r.prompt,
          r.requests,
          r.inputTokens,
          r.cacheReadTokens,
          r.cacheWriteTokens,
          r.outputTokens,
          r.reasoningTokens,
          r.costNanos,
        );
      }
      if (cursor) this.saveCursor.run(cursor.source, cursor.value, now);
      return { inserted: inserted.length, duplicates: events.length - inserted.length };
    });
  }

  async ingest(events: readonly LedgerEvent[], cursor?: PullCursor): Promise<IngestResult> {
    return this.ingestAll(events, cursor);
  }

  async spend(query: SpendQuery): Promise<SpendRow[]> {
    const { sql, params } = spendSql(query, () => '?');
    return sortRows((this.db.prepare(sql).all(...params) as Array<Record<string, unknown>>).map(spendRow));
  }

  async hourlySpend(hours: readonly number[]): Promise<HourlyRow[]> {
    if (hours.length === 0) return [];
    const { sql, params } = hourlySql(hours, () => '?');
    return hourlyRows(this.db.prepare(sql).all(...params) as Array<Record<string, unknown>>);
  }

  async maintain(_now: Date, retainFrom: number | undefined): Promise<void> {
    if (retainFrom === undefined) return;
    // In slices, so ingest (another process on the file) never waits long for the write lock.
    const slice = this.statement(
      'DELETE FROM usage_events WHERE rowid IN (SELECT rowid FROM usage_events WHERE at < ? LIMIT 10000)',
    );
    while (slice.run(retainFrom).changes > 0) await new Promise((resolve) => setImmediate(resolve));
  }

  async promptUsage(query: PromptUsageQuery): Promise<PromptUsageRow[]> {
    const { sql, params } = promptUsageSql(query, () => '?');
    return promptUsageRows(this.statement(sql).all(...params) as Array<Record<string, unknown>>, query);
  }

  async quotaSnapshot(query: QuotaSnapshotQuery): Promise<QuotaSnapshot> {
    const grants = grantQuerySql(query.at, {}, DIALECT);
    const use = dailyUseSql(query, () => '?');
    // One read transaction: every part as of the same commit.
    return this.db.transaction(() => {
      const breaker =
        query.breaker === undefined
          ? undefined
          : (this.statement(BREAKER_SQL).get(query.breaker) as Record<string, unknown> | undefined);
      return {
        budgets: (
          this.statement('SELECT * FROM budgets ORDER BY scope, subject, unit').all() as Record<string, unknown>[]
        ).map(budgetFromRow),
        grants: (this.statement(grants.sql).all(...grants.params) as Record<string, unknown>[]).map(grantFromRow),
        use: (this.statement(use.sql).all(...use.params) as Record<string, unknown>[]).map(dailyUseRow),
        breaker: breaker && breakerFromRow(breaker),
      };
    })();
  }

  async cursor(source: string): Promise<string | undefined> {
    return this.readCursor.get(source)?.value;
  }

  async admitSignature(signature: string, now: Date, expiresAt: Date): Promise<boolean> {
    return this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM slack_signatures WHERE expires_at <= ?').run(now.getTime());
        return (
          this.db
            .prepare(
              'INSERT INTO slack_signatures (signature, expires_at) VALUES (?, ?) ON CONFLICT (signature) DO NOTHING',
            )
            .run(signature, expiresAt.getTime()).changes === 1
        );
      })
      .immediate();
  }

  async setBudget(budget: Budget, by: string, at: Date): Promise<StoredBudget> {
    this.db
      .transaction(() => {
        this.db
          .prepare(`INSERT INTO budgets (scope, subject, unit, period, limit_amount, thresholds, hard_cap_percent, set_by, set_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (scope, subject, unit) DO UPDATE SET period = excluded.period, limit_amount = excluded.limit_amount,
          thresholds = excluded.thresholds, hard_cap_percent = excluded.hard_cap_percent, set_by = excluded.set_by, set_at = excluded.set_at`)
          .run(
            budget.scope,
            budget.subject,
            budget.unit,
            budget.period,
            budget.limit,
            JSON.stringify(budget.thresholds),
            budget.hardCapPercent,
            by,
            at.getTime(),
          );
        this.audit({
          at,
          action: 'budget-set',
          actor: by,
          requestId: null,
          scope: budget.scope,
          subject: budget.subject,
          unit: budget.unit,
          amount: budget.limit,
          period: budget.period,
          expiresAt: null,
          reason: null,
        });
      })
      .immediate();
    return { ...budget, setBy: by, setAt: at };
  }

  async budgets(): Promise<StoredBudget[]> {
    return (
      this.db.prepare('SELECT * FROM budgets ORDER BY scope, subject, unit').all() as Record<string, unknown>[]
    ).map(budgetFromRow);
  }

  async createQuotaRequest(request: NewQuotaRequest): Promise<QuotaRequestRecord> {
    const id = randomUUID();
    this.db
      .transaction(() => {
        this.db
          .prepare(`INSERT INTO quota_requests (id, team, requester, unit, amount, until_day, expires_at, reason, status, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`)
          .run(
            id,
            request.team,
            request.requester,
            request.unit,
            request.amount,
            request.until,
            request.expiresAt?.getTime() ?? null,
            request.reason,
            request.at.getTime(),
          );
        this.audit({
          at: request.at,
          action: 'requested',
          actor: request.requester,
          requestId: id,
          scope: 'team',
          subject: request.team,
          unit: request.unit,
          amount: request.amount,
          period: null,
          expiresAt: request.expiresAt,
          reason: request.reason,
        });
      })
      .immediate();
    return (await this.quotaRequest(id))!;
  }

  async quotaRequest(id: string): Promise<QuotaRequestRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM quota_requests WHERE id = ?').get(id) as
      | Record<string, unknown>
      | undefined;
    return row && requestFromRow(row);
  }

  async quotaRequests(query: RequestQuery = {}): Promise<QuotaRequestRecord[]> {
    const { sql, params } = requestQuerySql(query, DIALECT);
    return (this.db.prepare(sql).all(...params) as Record<string, unknown>[]).map(requestFromRow);
  }

  async decideQuotaRequest(decision: RequestDecision): Promise<DecisionResult> {
    // IMMEDIATE takes the write lock before reading, so another process deciding the same request waits, then
    // finds it no longer pending; within this process better-sqlite3 runs the transaction without interleaving.
    return this.db
      .transaction((): DecisionResult => {
        const current = this.db.prepare('SELECT * FROM quota_requests WHERE id = ?').get(decision.requestId) as
          | Record<string, unknown>
          | undefined;
        if (!current) return { decided: false, request: undefined };
        const request = requestFromRow(current);
        const outcome = decisionOutcome(decision, request.amount);
        const changed = this.db
          .prepare(`UPDATE quota_requests SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?, granted_amount = ?
        WHERE id = ? AND status = 'pending'`)
          .run(outcome.status, decision.by, decision.at.getTime(), outcome.reason, outcome.granted, decision.requestId);
        if (changed.changes !== 1) return { decided: false, request };
        let grant: StoredGrant | null = null;
        if (outcome.granted !== null) {
          grant = {
            id: randomUUID(),
            requestId: request.id,
            scope: 'team',
            subject: request.team,
            unit: request.unit,
            amount: outcome.granted,
            approvedBy: decision.by,
            approvedAt: decision.at,
            expiresAt: request.expiresAt,
          };
          this.db
            .prepare(
              `INSERT INTO grants (id, request_id, scope, subject, unit, amount, approved_by, approved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              grant.id,
              grant.requestId,
              grant.scope,
              grant.subject,
              grant.unit,
              grant.amount,
              grant.approvedBy,
              grant.approvedAt.getTime(),
              grant.expiresAt?.getTime() ?? null,
            );
        }
        this.audit({
          at: decision.at,
          action: outcome.audit,
          actor: decision.by,
          requestId: request.id,
          scope: 'team',
          subject: request.team,
          unit: request.unit,
          amount: outcome.granted,
          period: null,
          expiresAt: grant ? request.expiresAt : null,
          reason: outcome.reason,
        });
        const decided = requestFromRow(
          this.db.prepare('SELECT * FROM quota_requests WHERE id = ?').get(decision.requestId) as Record<
            string,
            unknown
          >,
        );
        return { decided: true, request: decided, grant };
      })
      .immediate();
  }

  async addRequestCard(requestId: string, channel: string, ts: string): Promise<void> {
    this.db
      .prepare('INSERT INTO quota_request_cards (request_id, channel, ts) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(requestId, channel, ts);
  }

  async requestCards(requestId: string): Promise<Array<{ channel: string; ts: string }>> {
    return this.db
      .prepare('SELECT channel, ts FROM quota_request_cards WHERE request_id = ? ORDER BY channel, ts')
      .all(requestId) as Array<{ channel: string; ts: string }>;
  }

  async grantsInForce(at: Date, query: GrantQuery = {}): Promise<StoredGrant[]> {
    const { sql, params } = grantQuerySql(at, query, DIALECT);
    return (this.db.prepare(sql).all(...params) as Record<string, unknown>[]).map(grantFromRow);
  }

  async auditTrail(query: { team?: string } = {}): Promise<AuditEntry[]> {
    const rows =
      query.team === undefined
        ? this.db.prepare('SELECT * FROM quota_audit ORDER BY seq').all()
        : this.db
            .prepare("SELECT * FROM quota_audit WHERE scope = 'team' AND subject = ? ORDER BY seq")
            .all(query.team);
    return (rows as Record<string, unknown>[]).map(auditFromRow);
  }

  async claimAlert(key: string, at: Date): Promise<boolean> {
    return (
      this.db
        .prepare('INSERT INTO alerts_sent (key, sent_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
        .run(key, at.getTime()).changes === 1
    );
  }

  async releaseAlert(key: string): Promise<void> {
    this.db.prepare('DELETE FROM alerts_sent WHERE key = ?').run(key);
  }

  private audit(entry: Omit<AuditEntry, 'seq'>): void {
    this.db
      .prepare(`INSERT INTO quota_audit (at, action, actor, request_id, scope, subject, unit, amount, period, expires_at, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        entry.at.getTime(),
        entry.action,
        entry.actor,
        entry.requestId,
        entry.scope,
        entry.subject,
        entry.unit,
        entry.amount,
        entry.period,
        entry.expiresAt?.getTime() ?? null,
        entry.reason,
      );
  }

  async breaker(identity: string): Promise<BreakerRecord | undefined> {
    const row = this.statement(BREAKER_SQL).get(identity) as Record<string, unknown> | undefined;
    return row && breakerFromRow(row);
  }

  async admit(admission: Admission): Promise<AdmissionResult> {
    // IMMEDIATE: one writer across every process on the file, so counters and breakers are read and written as one.
    let outcome: { result: AdmissionResult; commit: boolean } | undefined;
    try {
      this.db
        .transaction(() => {
          outcome = this.perform(admissionWork(admission));
          if (!outcome.commit) throw ROLLBACK;
        })
        .immediate();
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    return outcome!.result;
  }

  async decideBreaker(input: BreakerDecisionInput): Promise<{ decided: boolean; breaker: BreakerRecord | undefined }> {
    return this.db.transaction(() => this.perform(breakerDecisionWork(input))).immediate();
  }

  async breakerAudit(): Promise<BreakerAuditEntry[]> {
    return (this.db.prepare('SELECT * FROM breaker_audit ORDER BY seq').all() as Record<string, unknown>[]).map(
      breakerAuditFromRow,
    );
  }

  async pruneGuardrails(countersBefore: Date, callsBefore: Date): Promise<void> {
    this.db.prepare('DELETE FROM rate_counters WHERE window_start < ?').run(countersBefore.getTime());
    this.db.prepare('DELETE FROM breaker_calls WHERE at < ?').run(callsBefore.getTime());
  }

  /** Runs transaction work's statements one by one, synchronously (the caller holds the transaction). */
  private perform<T>(work: TxWork<T>): T {
    let next = work.next();
    while (!next.done) {
      next = work.next(
        next.value.map((step) =>
          step.op === 'lock'
            ? undefined
            : step.op === 'rows'
              ? this.statement(step.sql).all(...step.params)
              : this.statement(step.sql).run(...step.params).changes,
        ),
      );
    }
    return next.value;
  }

  /** A prepared statement, prepared once per text. */
  private statement(sql: string): Database.Statement {
    let prepared = this.prepared.get(sql);
    if (!prepared) this.prepared.set(sql, (prepared = this.db.prepare(sql)));
    return prepared;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT max(version) FROM schema_migrations').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Thrown to roll back a transaction whose work says not to commit. */
const ROLLBACK = Symbol('rollback');

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  // IMMEDIATE takes the write lock first, so two processes opening one file cannot both apply a version.
  db.transaction(() => {
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    }
  }).immediate();
}
