// PostgreSQL store (pg): for several bot instances behind a load balancer. Same schema and behaviour as the
// SQLite store; concurrency comes from the database: the event id's primary key makes a retried or concurrent
// batch count once, and roll-up rows are upserted in key order so concurrent writers cannot deadlock.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
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
  type Totals,
  type LedgerEvent,
  type PromptUsageQuery,
  type PromptUsageRow,
  type PullCursor,
  type SpendQuery,
  type SpendRow,
  type Store,
} from './store';

// Arbitrary constant naming the schema-migration advisory lock.
const MIGRATION_LOCK = 7_362_198;
const CHUNK = 2_000;
const DIALECT: Dialect = { placeholder: (n) => `$${n}`, codeUnitOrder: (column) => `${column} COLLATE "C"` };

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: 10 });
    // An idle connection the server closes (restart, failover, an administrator) is dropped from the pool, and the
    // next query connects anew; unhandled, pg's 'error' event would end the whole bot. /readyz reports the outage.
    pool.on('error', () => {});
    const store = new PostgresStore(pool);
    try {
      await store.transaction(async (client) => {
        // One instance migrates at a time; the others wait and then find nothing to do.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
        );
        const applied = new Set(
          (await client.query('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version)),
        );
        for (const migration of migrations) {
          if (applied.has(migration.version)) continue;
          await client.query(migration.postgres);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            Date.now(),
          ]);
        }
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async ingest(events: readonly LedgerEvent[], cursor?: PullCursor): Promise<IngestResult> {
    return this.transaction(async (client) => {
      const now = Date.now();
      const inserted: LedgerEvent[] = [];
      for (let start = 0; start < events.length; start += CHUNK) {
        const chunk = events.slice(start, start + CHUNK);
        const columns = [
          chunk.map((e) => e.id),
          chunk.map((e) => e.time),
          chunk.map((e) => e.day),
          chunk.map((e) => e.source),
          chunk.map((e) => e.provider),
          chunk.map((e) => e.model),
          chunk.map((e) => e.requests),
          chunk.map((e) => e.inputTokens),
          chunk.map((e) => e.cacheReadTokens),
          chunk.map((e) => e.cacheWriteTokens),
          chunk.map((e) => e.cacheWrite1hTokens),
          chunk.map((e) => e.outputTokens),
          chunk.map((e) => e.reasoningTokens),
          chunk.map((e) => e.costNanos),
          chunk.map((e) => e.costSource),
          chunk.map((e) => e.user ?? ''),
          chunk.map((e) => e.team ?? ''),
          chunk.map((e) => e.app ?? ''),
          chunk.map((e) => e.environment ?? ''),
          chunk.map((e) => e.session ?? ''),
          chunk.map((e) => e.requestId ?? ''),
          chunk.map((e) => e.prompt ?? ''),
          chunk.map((e) => JSON.stringify(e.tags)),
        ];
        const result = await client.query(
          `INSERT INTO usage_events (id, at, day, source, provider, model, requests, input_tokens, cache_read_tokens,
             cache_write_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost_nanos, cost_source, user_id,
             team, app, environment, session, request_id, prompt, tags, ingested_at)
           SELECT *, $24::bigint FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
             $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[],
             $14::bigint[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[],
             $22::text[], $23::text[])
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [...columns, now],
        );
        const stored = new Set(result.rows.map((row) => row.id as string));
        // A repeated id within one chunk is stored once; count only its first occurrence.
        for (const e of chunk) if (stored.delete(e.id)) inserted.push(e);
      }
      const { full, byDimension, byPrompt } = rollup(inserted);
      const updates = SUM_COLUMNS.map((column) => `${column} = target.${column} + excluded.${column}`).join(', ');
      const sums = (rows: Totals[]) => [
        rows.map((r) => r.requests),
        rows.map((r) => r.inputTokens),
        rows.map((r) => r.cacheReadTokens),
        rows.map((r) => r.cacheWriteTokens),
        rows.map((r) => r.outputTokens),
        rows.map((r) => r.reasoningTokens),
        rows.map((r) => r.costNanos),
      ];
      for (let start = 0; start < full.length; start += CHUNK) {
        const chunk = full.slice(start, start + CHUNK);
        await client.query(
          `INSERT INTO usage_daily AS target (day, team, user_id, app, provider, model, ${SUM_COLUMNS.join(', ')})
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
             $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[])
           ON CONFLICT (day, team, user_id, app, provider, model) DO UPDATE SET ${updates}`,
          [
            chunk.map((r) => r.day),
            chunk.map((r) => r.team),
            chunk.map((r) => r.user),
            chunk.map((r) => r.app),
            chunk.map((r) => r.provider),
            chunk.map((r) => r.model),
            ...sums(chunk),
          ],
        );
      }
      for (let start = 0; start < byDimension.length; start += CHUNK) {
        const chunk = byDimension.slice(start, start + CHUNK);
        await client.query(
          `INSERT INTO usage_daily_by AS target (dimension, day, key, ${SUM_COLUMNS.join(', ')})
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
             $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[])
           ON CONFLICT (dimension, day, key) DO UPDATE SET ${updates}`,
          [chunk.map((r) => r.dimension), chunk.map((r) => r.day), chunk.map((r) => r.key), ...sums(chunk)],
        );
      }
      for (let start = 0; start < byPrompt.length; start += CHUNK) {
        const chunk = byPrompt.slice(start, start + CHUNK);
        await client.query(
          `INSERT INTO usage_daily_prompt AS target (day, prompt, app, provider, model, ${SUM_COLUMNS.join(', ')})
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
             $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[])
           ON CONFLICT (day, prompt, app, provider, model) DO UPDATE SET ${updates}`,
          [
            chunk.map((r) => r.day),
            chunk.map((r) => r.prompt),
            chunk.map((r) => r.app),
            chunk.map((r) => r.provider),
            chunk.map((r) => r.model),
            ...sums(chunk),
          ],
        );
      }
      if (cursor) {
        await client.query(
          `INSERT INTO pull_cursors (source, value, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (source) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          [cursor.source, cursor.value, now],
        );
      }
      return { inserted: inserted.length, duplicates: events.length - inserted.length };
    });
  }

  async spend(query: SpendQuery): Promise<SpendRow[]> {
    const { sql, params } = spendSql(query, (n) => `$${n}`);
    const result = await this.pool.query(sql, params);
    // BIGINT (int8) and SUM(...) (numeric) arrive as decimal text, taken exactly.
    return sortRows(result.rows.map(spendRow));
  }

  async hourlySpend(hours: readonly number[]): Promise<HourlyRow[]> {
    if (hours.length === 0) return [];
    const { sql, params } = hourlySql(hours, (n) => `$${n}::bigint`);
    return hourlyRows((await this.pool.query(sql, params)).rows, hours);
  }

  async promptUsage(query: PromptUsageQuery): Promise<PromptUsageRow[]> {
    const { sql, params } = promptUsageSql(query, (n) => `$${n}`);
    return promptUsageRows((await this.pool.query(sql, params)).rows, query);
  }

  async cursor(source: string): Promise<string | undefined> {
    const result = await this.pool.query('SELECT value FROM pull_cursors WHERE source = $1', [source]);
    return result.rows[0]?.value;
  }

  async admitSignature(signature: string, now: Date, expiresAt: Date): Promise<boolean> {
    // The primary key decides between concurrent instances: one insert wins, the others find the row.
    await this.pool.query('DELETE FROM slack_signatures WHERE expires_at <= $1', [now.getTime()]);
    const result = await this.pool.query(
      'INSERT INTO slack_signatures (signature, expires_at) VALUES ($1, $2) ON CONFLICT (signature) DO NOTHING',
      [signature, expiresAt.getTime()],
    );
    return result.rowCount === 1;
  }

  async setBudget(budget: Budget, by: string, at: Date): Promise<StoredBudget> {
    await this.transaction(async (client) => {
      await client.query(
        `INSERT INTO budgets (scope, subject, unit, period, limit_amount, thresholds, hard_cap_percent, set_by, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (scope, subject, unit) DO UPDATE SET period = excluded.period, limit_amount = excluded.limit_amount,
           thresholds = excluded.thresholds, hard_cap_percent = excluded.hard_cap_percent, set_by = excluded.set_by, set_at = excluded.set_at`,
        [
          budget.scope,
          budget.subject,
          budget.unit,
          budget.period,
          budget.limit,
          JSON.stringify(budget.thresholds),
          budget.hardCapPercent,
          by,
          at.getTime(),
        ],
      );
      await audit(client, {
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
    });
    return { ...budget, setBy: by, setAt: at };
  }

  async budgets(): Promise<StoredBudget[]> {
    const order = ['scope', 'subject', 'unit'].map(DIALECT.codeUnitOrder).join(', ');
    const result = await this.pool.query(`SELECT * FROM budgets ORDER BY ${order}`);
    return result.rows.map(budgetFromRow);
  }

  async createQuotaRequest(request: NewQuotaRequest): Promise<QuotaRequestRecord> {
    const id = randomUUID();
    return this.transaction(async (client) => {
      const result = await client.query(
        `INSERT INTO quota_requests (id, team, requester, unit, amount, until_day, expires_at, reason, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) RETURNING *`,
        [
          id,
          request.team,
          request.requester,
          request.unit,
          request.amount,
          request.until,
          request.expiresAt?.getTime() ?? null,
          request.reason,
          request.at.getTime(),
        ],
      );
      await audit(client, {
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
      return requestFromRow(result.rows[0]);
    });
  }

  async quotaRequest(id: string): Promise<QuotaRequestRecord | undefined> {
    const result = await this.pool.query('SELECT * FROM quota_requests WHERE id = $1', [id]);
    return result.rows[0] && requestFromRow(result.rows[0]);
  }

  async quotaRequests(query: RequestQuery = {}): Promise<QuotaRequestRecord[]> {
    const { sql, params } = requestQuerySql(query, DIALECT);
    return (await this.pool.query(sql, params)).rows.map(requestFromRow);
  }

  async decideQuotaRequest(decision: RequestDecision): Promise<DecisionResult> {
    return this.transaction(async (client): Promise<DecisionResult> => {
      const current = await client.query('SELECT * FROM quota_requests WHERE id = $1', [decision.requestId]);
      if (!current.rows[0]) return { decided: false, request: undefined };
      const request = requestFromRow(current.rows[0]);
      const outcome = decisionOutcome(decision, request.amount);
      // A concurrent decider's UPDATE waits on the row lock, then re-reads the row: no longer pending, no rows.
      const changed = await client.query(
        `UPDATE quota_requests SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4, granted_amount = $5
         WHERE id = $6 AND status = 'pending' RETURNING *`,
        [outcome.status, decision.by, decision.at.getTime(), outcome.reason, outcome.granted, decision.requestId],
      );
      if (changed.rowCount !== 1) {
        const now = await client.query('SELECT * FROM quota_requests WHERE id = $1', [decision.requestId]);
        return { decided: false, request: requestFromRow(now.rows[0]) };
      }
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
        await client.query(
          'INSERT INTO grants (id, request_id, scope, subject, unit, amount, approved_by, approved_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
          [
            grant.id,
            grant.requestId,
            grant.scope,
            grant.subject,
            grant.unit,
            grant.amount,
            grant.approvedBy,
            grant.approvedAt.getTime(),
            grant.expiresAt?.getTime() ?? null,
          ],
        );
      }
      await audit(client, {
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
      return { decided: true, request: requestFromRow(changed.rows[0]), grant };
    });
  }

  async addRequestCard(requestId: string, channel: string, ts: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO quota_request_cards (request_id, channel, ts) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [requestId, channel, ts],
    );
  }

  async requestCards(requestId: string): Promise<Array<{ channel: string; ts: string }>> {
    const result = await this.pool.query(
      'SELECT channel, ts FROM quota_request_cards WHERE request_id = $1 ORDER BY channel COLLATE "C", ts COLLATE "C"',
      [requestId],
    );
    return result.rows.map((row) => ({ channel: row.channel as string, ts: row.ts as string }));
  }

  async grantsInForce(at: Date, query: GrantQuery = {}): Promise<StoredGrant[]> {
    const { sql, params } = grantQuerySql(at, query, DIALECT);
    return (await this.pool.query(sql, params)).rows.map(grantFromRow);
  }

  async auditTrail(query: { team?: string } = {}): Promise<AuditEntry[]> {
    const result =
      query.team === undefined
        ? await this.pool.query('SELECT * FROM quota_audit ORDER BY seq')
        : await this.pool.query("SELECT * FROM quota_audit WHERE scope = 'team' AND subject = $1 ORDER BY seq", [
            query.team,
          ]);
    return result.rows.map(auditFromRow);
  }

  async claimAlert(key: string, at: Date): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO alerts_sent (key, sent_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, at.getTime()],
    );
    return result.rowCount === 1;
  }

  async releaseAlert(key: string): Promise<void> {
    await this.pool.query('DELETE FROM alerts_sent WHERE key = $1', [key]);
  }

  async breaker(identity: string): Promise<BreakerRecord | undefined> {
    const row = (await this.pool.query(numbered(BREAKER_SQL), [identity])).rows[0];
    return row && breakerFromRow(row);
  }

  async admit(admission: Admission): Promise<AdmissionResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const outcome = await perform(client, admissionWork(admission));
      await client.query(outcome.commit ? 'COMMIT' : 'ROLLBACK');
      return outcome.result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async decideBreaker(input: BreakerDecisionInput): Promise<{ decided: boolean; breaker: BreakerRecord | undefined }> {
    return this.transaction((client) => perform(client, breakerDecisionWork(input)));
  }

  async breakerAudit(): Promise<BreakerAuditEntry[]> {
    return (await this.pool.query('SELECT * FROM breaker_audit ORDER BY seq')).rows.map(breakerAuditFromRow);
  }

  async pruneGuardrails(countersBefore: Date, callsBefore: Date): Promise<void> {
    await this.pool.query('DELETE FROM rate_counters WHERE window_start < $1', [countersBefore.getTime()]);
    await this.pool.query('DELETE FROM breaker_calls WHERE at < $1', [callsBefore.getTime()]);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT max(version) FROM schema_migrations');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** `?` markers as PostgreSQL's numbered ones. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Runs transaction work's statements one by one on the client holding the transaction. */
async function perform<T>(client: pg.PoolClient, work: TxWork<T>): Promise<T> {
  let next = work.next();
  while (!next.done) {
    const step = next.value;
    let answer: unknown;
    // Held to the transaction's end: admissions of one identity on every instance take turns.
    if (step.op === 'lock') await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [step.key]);
    else {
      const result = await client.query(numbered(step.sql), step.params as unknown[]);
      answer = step.op === 'rows' ? result.rows : result.rowCount;
    }
    next = work.next(answer);
  }
  return next.value;
}

async function audit(client: pg.PoolClient, entry: Omit<AuditEntry, 'seq'>): Promise<void> {
  await client.query(
    `INSERT INTO quota_audit (at, action, actor, request_id, scope, subject, unit, amount, period, expires_at, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
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
    ],
  );
}
