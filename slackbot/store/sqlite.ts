// SQLite store (better-sqlite3): the embedded default. WAL keeps readers (the /tokens queries) off the writer's
// back; every ingest is one transaction, so an acknowledged batch survives a crash whole or not at all.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations';
import { rollup, sortRows, spendSql, SUM_COLUMNS, type IngestResult, type LedgerEvent, type PullCursor, type SpendQuery, type SpendRow, type Store } from './store';

const SUM_UPDATES = SUM_COLUMNS.map((column) => `${column} = ${column} + excluded.${column}`).join(', ');

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly addDaily: Database.Statement;
  private readonly addDailyBy: Database.Statement;
  private readonly saveCursor: Database.Statement;
  private readonly readCursor: Database.Statement<[string], { value: string }>;
  private readonly ingestAll: (events: readonly LedgerEvent[], cursor?: PullCursor) => IngestResult;

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
    this.insertEvent = this.db.prepare(`INSERT INTO usage_events (id, at, day, source, provider, model, requests, input_tokens,
      cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, cost_nanos,
      cost_source, user_id, team, app, environment, session, request_id, tags, ingested_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    this.addDaily = this.db.prepare(`INSERT INTO usage_daily (day, team, user_id, app, provider, model, requests,
      input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (day, team, user_id, app, provider, model) DO UPDATE SET ${SUM_UPDATES}`);
    this.addDailyBy = this.db.prepare(`INSERT INTO usage_daily_by (dimension, day, key, requests, input_tokens,
      cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (dimension, day, key) DO UPDATE SET ${SUM_UPDATES}`);
    this.saveCursor = this.db.prepare(`INSERT INTO pull_cursors (source, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (source) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    this.readCursor = this.db.prepare('SELECT value FROM pull_cursors WHERE source = ?');
    this.ingestAll = this.db.transaction((events: readonly LedgerEvent[], cursor?: PullCursor) => {
      const now = Date.now();
      const inserted: LedgerEvent[] = [];
      for (const e of events) {
        const result = this.insertEvent.run(e.id, e.time, e.day, e.source, e.provider, e.model, e.requests, e.inputTokens,
          e.cacheReadTokens, e.cacheWriteTokens, e.cacheWrite1hTokens, e.outputTokens, e.reasoningTokens, e.costNanos,
          e.costSource, e.user ?? '', e.team ?? '', e.app ?? '', e.environment ?? '', e.session ?? '', e.requestId ?? '',
          JSON.stringify(e.tags), now);
        if (result.changes === 1) inserted.push(e);
      }
      const { full, byDimension } = rollup(inserted);
      for (const r of full) {
        this.addDaily.run(r.day, r.team, r.user, r.app, r.provider, r.model, r.requests, r.inputTokens, r.cacheReadTokens,
          r.cacheWriteTokens, r.outputTokens, r.reasoningTokens, r.costNanos);
      }
      for (const r of byDimension) {
        this.addDailyBy.run(r.dimension, r.day, r.key, r.requests, r.inputTokens, r.cacheReadTokens, r.cacheWriteTokens,
          r.outputTokens, r.reasoningTokens, r.costNanos);
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
    return sortRows(this.db.prepare(sql).all(...params) as SpendRow[]);
  }

  async cursor(source: string): Promise<string | undefined> {
    return this.readCursor.get(source)?.value;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  // IMMEDIATE takes the write lock first, so two processes opening one file cannot both apply a version.
  db.transaction(() => {
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    }
  }).immediate();
}
