// PostgreSQL store (pg): for several bot instances behind a load balancer. Same behaviour as the SQLite store;
// concurrency comes from the database: the key of the stored-ids table makes a retried or concurrent batch count
// once, and roll-up rows are upserted in key order so concurrent writers cannot deadlock.
import { createHash, randomUUID } from 'node:crypto';
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
  type Statement,
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
  firstOfEachId,
  rollup,
  sortRows,
  spendRow,
  spendSql,
  SUM_COLUMNS,
  TOTAL_KEYS,
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
  type Totals,
} from './store';

// Arbitrary constant naming the schema-migration advisory lock.
const MIGRATION_LOCK = 7_362_198;
const DIALECT: Dialect = { placeholder: (n) => `$${n}`, codeUnitOrder: (column) => `${column} COLLATE "C"` };

const ADD = SUM_COLUMNS.map((column) => `${column} = target.${column} + excluded.${column}`).join(', ');
/** The seven summed columns of a roll-up, as bigint[] parameters from marker `first` on. */
const sumArrays = (first: number) => SUM_COLUMNS.map((_, i) => `$${first + i}::bigint[]`).join(', ');

/** A stored column of an event: text or a whole number (a safe integer). */
type EventColumn = { name: string } & (
  | { text: (event: LedgerEvent) => string }
  | { whole: (event: LedgerEvent) => number }
);

/** The events' columns as ingest sends them, in the order of the usage_event_row type (migration 11). */
const EVENT_COLUMNS: readonly EventColumn[] = [
  { name: 'id', text: (e) => e.id },
  { name: 'at', whole: (e) => e.time },
  { name: 'day', text: (e) => e.day },
  { name: 'source', text: (e) => e.source },
  { name: 'provider', text: (e) => e.provider },
  { name: 'model', text: (e) => e.model },
  { name: 'requests', whole: (e) => e.requests },
  { name: 'input_tokens', whole: (e) => e.inputTokens },
  { name: 'cache_read_tokens', whole: (e) => e.cacheReadTokens },
  { name: 'cache_write_tokens', whole: (e) => e.cacheWriteTokens },
  { name: 'cache_write_1h_tokens', whole: (e) => e.cacheWrite1hTokens },
  { name: 'output_tokens', whole: (e) => e.outputTokens },
  { name: 'reasoning_tokens', whole: (e) => e.reasoningTokens },
  { name: 'cost_nanos', whole: (e) => e.costNanos },
  { name: 'cost_source', text: (e) => e.costSource },
  { name: 'user_id', text: (e) => e.user ?? '' },
  { name: 'team', text: (e) => e.team ?? '' },
  { name: 'app', text: (e) => e.app ?? '' },
  { name: 'environment', text: (e) => e.environment ?? '' },
  { name: 'session', text: (e) => e.session ?? '' },
  { name: 'request_id', text: (e) => e.requestId ?? '' },
  { name: 'prompt', text: (e) => e.prompt ?? '' },
  { name: 'tags', text: (e) => JSON.stringify(e.tags) },
];

/**
 * A batch in one statement, its own transaction. The events are inserted and their ids, read back, go into
 * usage_event_ids, whose key makes an id stored once across every partition and every instance: a plain insert, so an
 * id stored before (or by a concurrent batch that commits) fails the whole statement with a unique violation and
 * nothing of the batch is written; the caller then leaves the known ids out and sends the rest. A statement that
 * succeeds therefore stored every event it carried, and adds the roll-up rows the caller summed from them (the
 * `rollup` the SQLite store writes too). Ids and each roll-up are written in key order, so concurrent batches take
 * their locks in one order and never deadlock. Roll-up rows are what concurrent batches of one day share: the main
 * query reads the ids (and through them the events), so those are written first, and PostgreSQL completes the
 * sub-statements nobody reads last-written first, so the roll-up every batch of a day adds to (usage_daily_by) is
 * written first here to be written last, holding its row locks for the shortest time before the commit. The pull
 * cursor, when given ($3, $4), moves in the same statement.
 */
const INGEST_SQL = `
WITH stored AS (
  INSERT INTO usage_events (${EVENT_COLUMNS.map((column) => column.name).join(', ')}, ingested_at)
  SELECT *, $2::bigint FROM unnest($1::usage_event_row[])
  RETURNING id, at
), fresh AS (
  INSERT INTO usage_event_ids (id, at) SELECT id, at FROM stored ORDER BY id
  RETURNING id
), single AS (
  INSERT INTO usage_daily_by AS target (dimension, day, key, ${SUM_COLUMNS.join(', ')})
  SELECT * FROM unnest($18::text[], $19::text[], $20::text[], ${sumArrays(21)}) AS summed (dimension, day, key)
    ORDER BY 1, 2, 3
  ON CONFLICT (dimension, day, key) DO UPDATE SET ${ADD}
), daily AS (
  INSERT INTO usage_daily AS target (day, team, user_id, app, provider, model, ${SUM_COLUMNS.join(', ')})
  SELECT * FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], ${sumArrays(11)})
    AS summed (day, team, user_id, app, provider, model) ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, team, user_id, app, provider, model) DO UPDATE SET ${ADD}
), by_prompt AS (
  INSERT INTO usage_daily_prompt AS target (day, prompt, app, provider, model, ${SUM_COLUMNS.join(', ')})
  SELECT * FROM unnest($28::text[], $29::text[], $30::text[], $31::text[], $32::text[], ${sumArrays(33)})
    AS summed (day, prompt, app, provider, model) ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, prompt, app, provider, model) DO UPDATE SET ${ADD}
), hourly AS (
  INSERT INTO usage_hourly AS target (hour, team, user_id, app, model, prompt, ${SUM_COLUMNS.join(', ')})
  SELECT * FROM unnest($40::bigint[], $41::text[], $42::text[], $43::text[], $44::text[], $45::text[], ${sumArrays(46)})
    AS summed (hour, team, user_id, app, model, prompt) ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (hour, team, user_id, app, model, prompt) DO UPDATE SET ${ADD}
), moved AS (
  INSERT INTO pull_cursors (source, value, updated_at) SELECT $3::text, $4::text, $2::bigint WHERE $3::text IS NOT NULL
  ON CONFLICT (source) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
)
SELECT count(*) AS inserted FROM fresh`;

/** Applies the migrations this database lacks; one instance at a time, the others wait and then find nothing to do. */
async function migrate(client: pg.PoolClient): Promise<void> {
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
}

/** Runs `work` in a transaction on a client of `pool`, committed if it succeeds and rolled back if it throws. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
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

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  /** `eventRowType`: the oid of the usage_event_row type, the element type of ingest's events parameter. */
  private constructor(
    private readonly pool: pg.Pool,
    private readonly eventRowType: number,
  ) {}

  /**
   * `poolSize`: connections this instance may hold. Ingest is one statement and a check a few short ones, so ten
   * keeps two to eight instances well inside PostgreSQL's default 100 connections.
   */
  static async open(connectionString: string, poolSize = 10): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: poolSize });
    // An idle connection the server closes (restart, failover, an administrator) is dropped from the pool, and the
    // next query connects anew; unhandled, pg's 'error' event would end the whole bot. /readyz reports the outage.
    pool.on('error', () => {});
    try {
      await inTransaction(pool, migrate);
      const rowType = await pool.query("SELECT 'usage_event_row'::regtype::oid AS oid");
      return new PostgresStore(pool, Number(rowType.rows[0].oid));
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  async ingest(events: readonly LedgerEvent[], cursor?: PullCursor): Promise<IngestResult> {
    let fresh = firstOfEachId(events);
    for (;;) {
      if (fresh.length === 0 && !cursor) return { inserted: 0, duplicates: events.length };
      try {
        // One statement, one round trip, its own transaction: nothing is held open between calls.
        await this.pool.query({
          name: 'tokenwise-ingest',
          text: INGEST_SQL,
          values: ingestValues(fresh, cursor, this.eventRowType),
        });
        return { inserted: fresh.length, duplicates: events.length - fresh.length };
      } catch (error) {
        if (!(error instanceof pg.DatabaseError && error.constraint === 'usage_event_ids_pkey')) throw error;
        // Some ids were stored before (a re-sent batch) or by a batch that just committed: leave them out. An id
        // found by neither (removed by retention meanwhile) is simply sent again.
        const known = await this.pool.query({
          name: 'tokenwise-known-ids',
          text: 'SELECT id FROM usage_event_ids WHERE id = ANY ($1::text[])',
          values: [textArray(fresh, (event) => event.id)],
        });
        const stored = new Set(known.rows.map((row) => row.id as string));
        fresh = fresh.filter((event) => !stored.has(event.id));
      }
    }
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
    return hourlyRows((await this.pool.query(sql, params)).rows);
  }

  async maintain(now: Date, retainFrom: number | undefined): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Partition changes take a brief lock of the events table: give up soon rather than queue ingest behind a
      // long query, and try again at the next run.
      await client.query("SET lock_timeout = '2s'");
      const month = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
      const partitions = await partitionsOf(client);
      for (let ahead = 0; ahead <= 2; ahead++) await addMonth(client, partitions, addMonths(month, ahead));
      if (retainFrom !== undefined) await dropBefore(client, await partitionsOf(client), retainFrom);
    } finally {
      await client.query('RESET lock_timeout').catch(() => undefined);
      client.release();
    }
  }

  async promptUsage(query: PromptUsageQuery): Promise<PromptUsageRow[]> {
    const { sql, params } = promptUsageSql(query, (n) => `$${n}`);
    return promptUsageRows((await this.pool.query(sql, params)).rows, query);
  }

  async quotaSnapshot(query: QuotaSnapshotQuery): Promise<QuotaSnapshot> {
    // One statement, one round trip: each part as JSON. Sums go as text, so none is rounded on the way.
    const grants = grantQuerySql(query.at, {}, DIALECT);
    const use = dailyUseSql(query, (n) => `$${n + grants.params.length}`);
    const breakerMarker = `$${grants.params.length + use.params.length + 1}`;
    const order = ['scope', 'subject', 'unit'].map(DIALECT.codeUnitOrder).join(', ');
    const result = await this.pool.query(
      prepared(
        `SELECT
         (SELECT COALESCE(json_agg(b ORDER BY ${order}), '[]') FROM budgets AS b) AS budgets,
         (SELECT COALESCE(json_agg(g), '[]') FROM (${grants.sql}) AS g) AS grants,
         (SELECT COALESCE(json_agg(json_build_object('dimension', dimension, 'key', key, 'day', day,
            'cost', cost::text, 'tokens', tokens::text)), '[]') FROM (${use.sql}) AS u) AS use,
         (SELECT row_to_json(r) FROM breakers AS r WHERE identity = ${breakerMarker}) AS breaker`,
        [...grants.params, ...use.params, query.breaker ?? null],
      ),
    );
    const row = result.rows[0] as Record<string, unknown>;
    const rows = (value: unknown) => value as Array<Record<string, unknown>>;
    return {
      budgets: rows(row.budgets).map(budgetFromRow),
      grants: rows(row.grants).map(grantFromRow),
      use: rows(row.use).map(dailyUseRow),
      breaker: row.breaker ? breakerFromRow(row.breaker as Record<string, unknown>) : undefined,
    };
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
      const outcome = await perform(client, admissionWork(admission), { begin: true });
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

const BEFORE_PARTITIONING = 'usage_events_before_partitioning';

function addMonths(month: number, count: number): number {
  const date = new Date(month);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1);
}

/** The events table's partitions, each with the end of its range (Unix ms; none for the default partition). */
async function partitionsOf(client: pg.PoolClient): Promise<Array<{ name: string; end: number | undefined }>> {
  const rows = await client.query(
    `SELECT relname, pg_get_expr(relpartbound, pg_class.oid) AS bound FROM pg_inherits
     JOIN pg_class ON pg_class.oid = inhrelid WHERE inhparent = 'usage_events'::regclass`,
  );
  return (rows.rows as Array<{ relname: string; bound: string }>).map(({ relname, bound }) => {
    const end = /TO \('?(\d+)'?\)/.exec(bound)?.[1];
    return { name: relname, end: end === undefined ? undefined : Number(end) };
  });
}

/**
 * Adds the partition of the UTC month starting at `month` unless one covers it. It is made apart and then attached,
 * which locks the events table only against other partition changes (not ingest or reads); the default partition
 * is checked for events of that month, and when it holds some the month stays there.
 */
async function addMonth(
  client: pg.PoolClient,
  partitions: ReadonlyArray<{ name: string; end: number | undefined }>,
  month: number,
): Promise<void> {
  const end = addMonths(month, 1);
  const date = new Date(month);
  const name = `usage_events_${date.getUTCFullYear()}_${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  const before = partitions.find((partition) => partition.name === BEFORE_PARTITIONING);
  if (partitions.some((partition) => partition.name === name) || (before?.end ?? 0) > month) return;
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TABLE ${name} (LIKE usage_events INCLUDING DEFAULTS)`);
    await client.query(`ALTER TABLE ${name} ADD CHECK (at >= ${month} AND at < ${end})`);
    await client.query(`ALTER TABLE usage_events ATTACH PARTITION ${name} FOR VALUES FROM (${month}) TO (${end})`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // A lock not granted in time, or events of that month in the default partition: the next run tries again.
    if (!(error instanceof pg.DatabaseError)) throw error;
  }
}

/**
 * Removes events older than `retainFrom`: a partition wholly before it is detached and dropped (a brief lock of
 * the events table), older events in the others (the default one, the one of the time before partitioning, the
 * month `retainFrom` falls in) are deleted in slices, keeping each statement's locks and work small. Their ids go
 * last, and only once every older event is gone (a re-sent event is still refused until then), in one statement:
 * it locks only the rows it removes, and the BRIN index finds them without a scan of the newer ones.
 */
async function dropBefore(
  client: pg.PoolClient,
  partitions: ReadonlyArray<{ name: string; end: number | undefined }>,
  retainFrom: number,
): Promise<void> {
  let dropped = true;
  for (const { name, end } of partitions) {
    if (end !== undefined && end <= retainFrom) {
      try {
        await client.query(`ALTER TABLE usage_events DETACH PARTITION ${name}`);
        await client.query(`DROP TABLE ${name}`);
      } catch (error) {
        if (!(error instanceof pg.DatabaseError)) throw error;
        dropped = false;
      }
      continue;
    }
    const slice = `DELETE FROM ${name} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${name} WHERE at < $1 LIMIT 10000))`;
    while (((await client.query(slice, [retainFrom])).rowCount ?? 0) > 0);
  }
  if (dropped) await client.query('DELETE FROM usage_event_ids WHERE at < $1', [retainFrom]);
}

/** Each prepared statement's name by its text, so a text is checked and digested once. */
const statementNames = new Map<string, string>();

/** A result of `*`: the statement's own select list, or what it returns. */
const STAR_RESULT = /^\s*SELECT\s+(?:\w+\.)?\*|\bRETURNING\s+(?:\w+\.)?\*/i;

/**
 * A statement prepared once per connection and named by its text. The quota check's statements differ only in their
 * values from one check to the next, and planning them anew took longer than running them; a prepared statement lets
 * PostgreSQL reuse its plan. The name is a digest because PostgreSQL cuts names at 63 bytes. Its result columns are
 * named, never `*`: a prepared plan's result is fixed when it is prepared, so `SELECT *` or `RETURNING *` would fail
 * on every connection once another instance's migration adds a column during a rolling upgrade ("cached plan must
 * not change result type"); such a statement is refused before it is sent.
 */
export function prepared(text: string, values: readonly unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (STAR_RESULT.test(text)) throw new Error(`a prepared statement must name its result columns: ${text}`);
    name = `tokenwise-${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: values as unknown[] };
}

/** `?` markers as PostgreSQL's numbered ones. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Runs transaction work on the client holding the transaction, each group of statements in one round trip: a lone
 * statement with bound parameters, a group (or a statement that opens the transaction, with `begin`) as one
 * multi-statement query with its values written as escaped literals.
 */
async function perform<T>(client: pg.PoolClient, work: TxWork<T>, options: { begin?: boolean } = {}): Promise<T> {
  let begin = options.begin === true;
  let next = work.next();
  while (!next.done) {
    const group = next.value;
    let answers: unknown[];
    if (group.length === 1 && !begin) answers = [await single(client, group[0]!)];
    else {
      const texts = group.map((step) => inlined(client, step));
      const results = (await client.query(
        [...(begin ? ['BEGIN'] : []), ...texts].join(';\n'),
      )) as unknown as pg.QueryResult[];
      answers = results.slice(begin ? 1 : 0).map((result, i) => answerOf(group[i]!, result));
      begin = false;
    }
    next = work.next(answers);
  }
  // Work without statements still ends in the caller's COMMIT or ROLLBACK.
  if (begin) await client.query('BEGIN');
  return next.value;
}

/** Held to the transaction's end: admissions of one identity on every instance take turns. */
const LOCK_SQL = 'SELECT pg_advisory_xact_lock(hashtextextended(?, 0))';

async function single(client: pg.PoolClient, step: Statement): Promise<unknown> {
  const result =
    step.op === 'lock'
      ? await client.query(prepared(numbered(LOCK_SQL), [step.key]))
      : await client.query(prepared(numbered(step.sql), step.params));
  return answerOf(step, result);
}

function answerOf(step: Statement, result: pg.QueryResult): unknown {
  return step.op === 'rows' ? result.rows : step.op === 'run' ? result.rowCount : undefined;
}

/** A statement with its `?` markers replaced by its values as literals (whole numbers, escaped text, NULL). */
function inlined(client: pg.PoolClient, step: Statement): string {
  const [sql, params] = step.op === 'lock' ? [LOCK_SQL, [step.key]] : [step.sql, step.params];
  let n = 0;
  return sql.replace(/\?/g, () => {
    const value = params[n++];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string') return client.escapeLiteral(value);
    throw new TypeError(`a statement value of type ${typeof value} has no literal`);
  });
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

/** The statement's parameters: the events as rows, the time of storing, the cursor, then the roll-ups. */
function ingestValues(events: readonly LedgerEvent[], cursor: PullCursor | undefined, rowType: number): unknown[] {
  const { full, byDimension, byPrompt, byHour } = rollup(events);
  return [
    eventRows(events, rowType),
    Date.now(),
    cursor?.source ?? null,
    cursor?.value ?? null,
    ...columns(full, ['day', 'team', 'user', 'app', 'provider', 'model']),
    ...columns(byDimension, ['dimension', 'day', 'key']),
    ...columns(byPrompt, ['day', 'prompt', 'app', 'provider', 'model']),
    ...columns(byHour, ['hour', 'team', 'user', 'app', 'model', 'prompt']),
  ];
}

/** Roll-up rows as array parameters: the `keys` columns, then the summed ones. */
function columns<Row extends Totals>(rows: readonly Row[], keys: ReadonlyArray<keyof Row & string>): Buffer[] {
  // The hour is the one whole-number key; an empty array has to name its element type too.
  const key = (name: keyof Row & string) =>
    name === 'hour' ? bigintArray(rows, (row) => row[name] as number) : textArray(rows, (row) => row[name] as string);
  return [...keys.map(key), ...TOTAL_KEYS.map((name) => bigintArray(rows, (row) => row[name]))];
}

const TEXT_OID = 25;
const INT8_OID = 20;
const HEADER_BYTES = 20;
const TWO_TO_32 = 2 ** 32;

/**
 * An array parameter in PostgreSQL's binary array format (pg sends a Buffer as a binary parameter): no quoting or
 * escaping here and no parsing there, and the bytes live outside the JavaScript heap while the statement runs. As text
 * literals they cost about a third of an ingest's CPU in the bot (building them, and collecting the garbage they made)
 * and their parsing a few per cent of the database's. The buffer grows as values come, so each value is read once.
 */
class ArrayParameter {
  private buffer: Buffer;
  // DataView's writes compile to plain stores, where Buffer's checks each call: this runs for every value of a batch.
  private view: DataView;
  private offset = HEADER_BYTES;

  constructor(
    elementType: number,
    private readonly length: number,
    expectedBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(HEADER_BYTES + expectedBytes);
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
    // Dimensions (none for an empty array), a flag for NULL elements (never), the element type, then the one
    // dimension's length and lower bound.
    this.view.setInt32(0, length === 0 ? 0 : 1);
    this.view.setInt32(4, 0);
    this.view.setInt32(8, elementType);
    this.view.setInt32(12, length);
    this.view.setInt32(16, 1);
  }

  /** A four-byte integer; returns where it was written, for `patchLength`. */
  int32(value: number): number {
    this.room(4);
    this.view.setInt32(this.offset, value);
    this.offset += 4;
    return this.offset - 4;
  }

  /** Overwrites the four-byte integer at `at` with the bytes written since. */
  patchLength(at: number): void {
    this.view.setInt32(at, this.offset - at - 4);
  }

  /** A text value with its length in front. */
  text(value: string): void {
    // A UTF-16 code unit takes at most three bytes of UTF-8 (a surrogate pair four for its two).
    this.room(4 + 3 * value.length);
    const start = this.offset + 4;
    // Ids, names and days are short and ASCII: copied here they skip a call into the runtime per value (a quarter of
    // the bot's CPU per event, measured). Anything else is encoded as UTF-8 by Buffer.
    let written = 0;
    while (written < value.length) {
      const unit = value.charCodeAt(written);
      if (unit >= 0x80) break;
      this.buffer[start + written++] = unit;
    }
    if (written < value.length) written = this.buffer.write(value, start);
    this.view.setInt32(this.offset, written);
    this.offset = start + written;
  }

  /** A safe integer as a bigint with its length in front. */
  whole(value: number): void {
    this.room(12);
    const high = Math.floor(value / TWO_TO_32);
    this.view.setInt32(this.offset, 8);
    this.view.setInt32(this.offset + 4, high);
    this.view.setUint32(this.offset + 8, value - high * TWO_TO_32);
    this.offset += 12;
  }

  /** The parameter as written; an empty array still names its element type. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length === 0 ? 12 : this.offset);
  }

  private room(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }
}

/** A text[] parameter of each item's `value`. */
function textArray<T>(items: readonly T[], value: (item: T) => string): Buffer {
  const array = new ArrayParameter(TEXT_OID, items.length, 32 * items.length);
  for (const item of items) array.text(value(item));
  return array.bytes();
}

/** A bigint[] parameter of each item's `value`, a safe integer. */
function bigintArray<T>(items: readonly T[], value: (item: T) => number): Buffer {
  const array = new ArrayParameter(INT8_OID, items.length, 12 * items.length);
  for (const item of items) array.whole(value(item));
  return array.bytes();
}

/**
 * The events as one usage_event_row[] parameter (`rowType` is its element type's oid): each element a record of its
 * columns, each column its type's oid, length and value. PostgreSQL unnests one such array row by row for a fraction
 * of what an array per column costs it, where every column is a function call per row.
 */
function eventRows(events: readonly LedgerEvent[], rowType: number): Buffer {
  const array = new ArrayParameter(rowType, events.length, 512 * events.length);
  for (const event of events) {
    const element = array.int32(0);
    array.int32(EVENT_COLUMNS.length);
    for (const column of EVENT_COLUMNS) {
      if ('text' in column) {
        array.int32(TEXT_OID);
        array.text(column.text(event));
      } else {
        array.int32(INT8_OID);
        array.whole(column.whole(event));
      }
    }
    array.patchLength(element);
  }
  return array.bytes();
}
