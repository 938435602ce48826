// Versioned schema migrations. Both stores apply the same numbered list, each in its own dialect, so the logical
// schema is identical on both sides. Append new versions at the end; never edit one that has shipped.
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

// Shared DDL where the two dialects agree; BIGINT is a 64-bit integer in both. Two daily roll-ups, kept on ingest:
// usage_daily per full attribution (filter on one dimension, break down by another) and usage_daily_by per single
// dimension (the common questions, from a few rows a day). In SQLite they are stored in primary-key order (WITHOUT
// ROWID), so a day range is one sequential read; PostgreSQL reads them through the primary-key index either way.
const ledger = (clustered: string) => `
CREATE TABLE usage_events (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  day TEXT NOT NULL,
  source TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  requests BIGINT NOT NULL,
  input_tokens BIGINT NOT NULL,
  cache_read_tokens BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  cache_write_1h_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_nanos BIGINT NOT NULL,
  cost_source TEXT NOT NULL,
  user_id TEXT NOT NULL,
  team TEXT NOT NULL,
  app TEXT NOT NULL,
  environment TEXT NOT NULL,
  session TEXT NOT NULL,
  request_id TEXT NOT NULL,
  tags TEXT NOT NULL,
  ingested_at BIGINT NOT NULL
);
CREATE INDEX usage_events_at ON usage_events (at);
CREATE TABLE usage_daily (
  day TEXT NOT NULL,
  team TEXT NOT NULL,
  user_id TEXT NOT NULL,
  app TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  requests BIGINT NOT NULL,
  input_tokens BIGINT NOT NULL,
  cache_read_tokens BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_nanos BIGINT NOT NULL,
  PRIMARY KEY (day, team, user_id, app, provider, model)
)${clustered};
CREATE INDEX usage_daily_team ON usage_daily (team, day);
CREATE INDEX usage_daily_user ON usage_daily (user_id, day);
CREATE INDEX usage_daily_model ON usage_daily (model, day);
CREATE INDEX usage_daily_app ON usage_daily (app, day);
CREATE TABLE usage_daily_by (
  dimension TEXT NOT NULL,
  day TEXT NOT NULL,
  key TEXT NOT NULL,
  requests BIGINT NOT NULL,
  input_tokens BIGINT NOT NULL,
  cache_read_tokens BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_nanos BIGINT NOT NULL,
  PRIMARY KEY (dimension, day, key)
)${clustered};
CREATE TABLE pull_cursors (
  source TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
`;

// Budgets set by admins (one per scope, subject and unit), quota requests and where their cards were posted, the
// grants decisions create, an append-only audit trail (its sequence column is the one dialect difference) and
// the keys of alerts already posted. Times are Unix milliseconds.
const quota = (sequence: string) => `
CREATE TABLE budgets (
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  unit TEXT NOT NULL,
  period TEXT NOT NULL,
  limit_amount BIGINT NOT NULL,
  thresholds TEXT NOT NULL,
  hard_cap_percent DOUBLE PRECISION,
  set_by TEXT NOT NULL,
  set_at BIGINT NOT NULL,
  PRIMARY KEY (scope, subject, unit)
);
CREATE TABLE quota_requests (
  id TEXT PRIMARY KEY,
  team TEXT NOT NULL,
  requester TEXT NOT NULL,
  unit TEXT NOT NULL,
  amount BIGINT NOT NULL,
  until_day TEXT,
  expires_at BIGINT,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT,
  decision_reason TEXT,
  granted_amount BIGINT
);
CREATE INDEX quota_requests_team ON quota_requests (team, created_at);
CREATE INDEX quota_requests_requester ON quota_requests (requester, status);
CREATE TABLE quota_request_cards (
  request_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  ts TEXT NOT NULL,
  PRIMARY KEY (request_id, channel, ts)
);
CREATE TABLE grants (
  id TEXT PRIMARY KEY,
  request_id TEXT UNIQUE,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  unit TEXT NOT NULL,
  amount BIGINT NOT NULL,
  approved_by TEXT NOT NULL,
  approved_at BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX grants_subject ON grants (scope, subject, unit);
CREATE TABLE quota_audit (
  seq ${sequence},
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  request_id TEXT,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  unit TEXT NOT NULL,
  amount BIGINT,
  period TEXT,
  expires_at BIGINT,
  reason TEXT
);
CREATE INDEX quota_audit_subject ON quota_audit (scope, subject, seq);
CREATE TABLE alerts_sent (
  key TEXT PRIMARY KEY,
  sent_at BIGINT NOT NULL
);
`;

// Signatures of Slack requests already handled, until Bolt would refuse them as stale: shared by every instance on
// the store, so a replay is refused whichever instance it reaches.
const signatures = `
CREATE TABLE slack_signatures (
  signature TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX slack_signatures_expiry ON slack_signatures (expires_at);
`;

// Guardrails (issue 19): per-minute rate counters (one row per rule, subject and minute, stepped by one conditional
// upsert so instances sharing the store never admit past a limit), the calls each breaker identity made, the
// breakers tripped (their state lives here, so a restart keeps it) and an append-only trail of trips, releases and
// keeps. The daily roll-up gains environment rows, filled from the ledger for the usage already stored.
const guardrails = (sequence: string) => `
CREATE TABLE rate_counters (
  rule TEXT NOT NULL,
  subject TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  requests BIGINT NOT NULL,
  tokens BIGINT NOT NULL,
  PRIMARY KEY (rule, subject, window_start)
);
CREATE INDEX rate_counters_window ON rate_counters (window_start);
CREATE TABLE breaker_calls (
  identity TEXT NOT NULL,
  at BIGINT NOT NULL,
  tokens BIGINT NOT NULL,
  cost_nanos BIGINT NOT NULL,
  fingerprint TEXT NOT NULL
);
CREATE INDEX breaker_calls_identity ON breaker_calls (identity, at);
CREATE INDEX breaker_calls_fingerprint ON breaker_calls (identity, fingerprint, at);
CREATE INDEX breaker_calls_at ON breaker_calls (at);
CREATE TABLE breakers (
  identity TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  reason TEXT NOT NULL,
  tripped_at BIGINT NOT NULL,
  until_at BIGINT,
  counts_from BIGINT NOT NULL,
  session TEXT NOT NULL,
  user_id TEXT NOT NULL,
  app TEXT NOT NULL,
  team TEXT NOT NULL,
  environment TEXT NOT NULL,
  model TEXT NOT NULL,
  calls BIGINT NOT NULL,
  tokens BIGINT NOT NULL,
  cost_nanos BIGINT NOT NULL,
  decision TEXT,
  decided_by TEXT,
  decided_at BIGINT
);
CREATE TABLE breaker_audit (
  seq ${sequence},
  at BIGINT NOT NULL,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  identity TEXT NOT NULL,
  tripped_at BIGINT NOT NULL,
  reason TEXT
);
INSERT INTO usage_daily_by (dimension, day, key, requests, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
  SELECT 'environment', day, environment, SUM(requests), SUM(input_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens),
    SUM(output_tokens), SUM(reasoning_tokens), SUM(cost_nanos)
  FROM usage_events GROUP BY day, environment;
`;

// Prompt ids (issue 15): the events keep the prompt id the app sent ('' when none), and a daily roll-up per
// prompt, app and model answers "spend by prompt" from a few rows a day. Only events naming a prompt reach it, so
// nothing is filled from the events already stored (they had no prompt). A column with a constant default is added
// without rewriting the table on either database.
const prompts = (clustered: string) => `
ALTER TABLE usage_events ADD COLUMN prompt TEXT NOT NULL DEFAULT '';
CREATE TABLE usage_daily_prompt (
  day TEXT NOT NULL,
  prompt TEXT NOT NULL,
  app TEXT NOT NULL,
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  requests BIGINT NOT NULL,
  input_tokens BIGINT NOT NULL,
  cache_read_tokens BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_nanos BIGINT NOT NULL,
  PRIMARY KEY (day, prompt, app, provider, model)
)${clustered};
CREATE INDEX usage_daily_prompt_prompt ON usage_daily_prompt (prompt, day);
CREATE INDEX usage_daily_prompt_app ON usage_daily_prompt (app, day);
`;

// Hourly roll-up (issue 21): per UTC hour, team, user, app, model and prompt, kept on ingest, so the unusual-spend
// check reads a few rows per hour instead of the events. Filled from the events already stored.
const hourly = (clustered: string) => `
CREATE TABLE usage_hourly (
  hour BIGINT NOT NULL,
  team TEXT NOT NULL,
  user_id TEXT NOT NULL,
  app TEXT NOT NULL,
  model TEXT NOT NULL,
  prompt TEXT NOT NULL,
  requests BIGINT NOT NULL,
  input_tokens BIGINT NOT NULL,
  cache_read_tokens BIGINT NOT NULL,
  cache_write_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_nanos BIGINT NOT NULL,
  PRIMARY KEY (hour, team, user_id, app, model, prompt)
)${clustered};
INSERT INTO usage_hourly (hour, team, user_id, app, model, prompt, requests, input_tokens, cache_read_tokens,
    cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos)
  SELECT (at / 3600000) * 3600000, team, user_id, app, model, prompt, SUM(requests), SUM(input_tokens),
    SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(output_tokens), SUM(reasoning_tokens), SUM(cost_nanos)
  FROM usage_events GROUP BY (at / 3600000) * 3600000, team, user_id, app, model, prompt;
`;

// PostgreSQL only: the raw events become a table partitioned by UTC month of their time, so retention drops whole
// months instead of deleting rows. The table as it was is attached, as it is, as the partition of everything before
// next month (the check constraint lets PostgreSQL attach it without a second scan); the months after it get
// partitions of their own (Store.maintain), and a default partition takes any event no month's partition covers.
// An event is identified by its id and time (a partitioned table's keys include the partition column); a re-sent
// event carries both unchanged. The one pause: the attach building the (id, at) key of the existing events, once.
const partitioned = `
ALTER TABLE usage_events RENAME TO usage_events_before_partitioning;
ALTER TABLE usage_events_before_partitioning DROP CONSTRAINT usage_events_pkey;
ALTER INDEX usage_events_at RENAME TO usage_events_before_partitioning_at;
CREATE TABLE usage_events (LIKE usage_events_before_partitioning INCLUDING DEFAULTS, PRIMARY KEY (id, at))
  PARTITION BY RANGE (at);
CREATE INDEX usage_events_at ON usage_events (at);
CREATE TABLE usage_events_default PARTITION OF usage_events DEFAULT;
DO $$
DECLARE
  bound BIGINT := (EXTRACT(EPOCH FROM date_trunc('month', now() AT TIME ZONE 'UTC') + INTERVAL '1 month') * 1000)::BIGINT;
BEGIN
  EXECUTE format('ALTER TABLE usage_events_before_partitioning ADD CONSTRAINT usage_events_before_partitioning_range
    CHECK (at IS NOT NULL AND at < %s)', bound);
  EXECUTE format('ALTER TABLE usage_events ATTACH PARTITION usage_events_before_partitioning
    FOR VALUES FROM (MINVALUE) TO (%s)', bound);
END $$;
`;

// PostgreSQL only: every stored id in one unpartitioned table, whose key makes an id count once across all partitions
// and instances (the events' (id, at) key could not see an id stored at another time). Ingest inserts ids plainly
// and learns of a repeat from the key's unique violation, so the events table needs no key of its own, and a plain
// insert replaces the check against every partition. The ids keep their time for retention (a BRIN index: tiny, and
// nearly free to keep as ids arrive in time order). Filling it reads every stored event once.
const eventIds = `
CREATE TABLE usage_event_ids (id TEXT PRIMARY KEY, at BIGINT NOT NULL);
INSERT INTO usage_event_ids (id, at) SELECT DISTINCT ON (id) id, at FROM usage_events ORDER BY id, at;
CREATE INDEX usage_event_ids_at ON usage_event_ids USING brin (at);
ALTER TABLE usage_events DROP CONSTRAINT usage_events_pkey;
`;

// PostgreSQL only: each batch adds to roll-up rows it does not create (today's and this hour's rows, once per batch
// as events arrive live), and PostgreSQL writes an updated row as a new version. With room left on its page the new
// version stays there and no index changes (a heap-only update); on a full page every index of the table takes a new
// entry, and the tables and indexes bloat. Measured with two instances ingesting a million events of one hour: about half
// of these updates were heap-only before and over 90 % after, the roll-ups a quarter to a tenth of the size and the
// database's CPU per event a fifth lower. Pages written from now on keep the room; taking the setting locks no reader or writer.
const rollupRoom = `
ALTER TABLE usage_daily SET (fillfactor = 70);
ALTER TABLE usage_daily_by SET (fillfactor = 70);
ALTER TABLE usage_daily_prompt SET (fillfactor = 70);
ALTER TABLE usage_hourly SET (fillfactor = 70);
`;

// PostgreSQL only: room for a whole batch. One batch adds to every row of today (and of this hour) once, and the row
// versions it replaces stay until it commits, so a page needs room for a new version of each row on it beside one
// left by a concurrent batch; at 70 % a page packs more rows than that room takes. Measured with two instances
// storing a million events over nine days: heap-only updates of the daily roll-ups rose from under half to 94 % (the
// hourly one's to all), the daily roll-ups ended half their size, the hourly one a half larger, and the database's
// CPU per event fell by about 2 µs of 18.
const rollupRoomForABatch = `
ALTER TABLE usage_daily SET (fillfactor = 30);
ALTER TABLE usage_daily_by SET (fillfactor = 30);
ALTER TABLE usage_daily_prompt SET (fillfactor = 30);
ALTER TABLE usage_hourly SET (fillfactor = 30);
`;

// PostgreSQL only: the type of the one array parameter ingest sends its events in, a record per event, which
// PostgreSQL unnests row by row; an array per column cost it a function call per column and row. Its own type rather
// than the events table's row type, so a column a later migration adds to the table leaves the parameter of instances
// not yet upgraded as it is.
const eventRow = `
CREATE TYPE usage_event_row AS (id TEXT, at BIGINT, day TEXT, source TEXT, provider TEXT, model TEXT, requests BIGINT,
  input_tokens BIGINT, cache_read_tokens BIGINT, cache_write_tokens BIGINT, cache_write_1h_tokens BIGINT,
  output_tokens BIGINT, reasoning_tokens BIGINT, cost_nanos BIGINT, cost_source TEXT, user_id TEXT, team TEXT, app TEXT,
  environment TEXT, session TEXT, request_id TEXT, prompt TEXT, tags TEXT);
`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'usage ledger, daily roll-ups, pull cursors',
    sqlite: ledger(' WITHOUT ROWID'),
    postgres: ledger(''),
  },
  {
    version: 2,
    name: 'budgets, quota requests, grants, audit trail, sent alerts',
    sqlite: quota('INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: quota('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'),
  },
  { version: 3, name: 'Slack request signatures seen', sqlite: signatures, postgres: signatures },
  {
    version: 4,
    name: 'guardrails: rate counters, breaker calls and states, breaker audit, environment roll-up',
    sqlite: guardrails('INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: guardrails('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'),
  },
  {
    version: 5,
    name: 'prompt id on usage events, daily roll-up per prompt, app and model',
    sqlite: prompts(' WITHOUT ROWID'),
    postgres: prompts(''),
  },
  {
    version: 6,
    name: 'hourly roll-up per team, user, app, model and prompt',
    sqlite: hourly(' WITHOUT ROWID'),
    postgres: hourly(''),
  },
  {
    version: 7,
    name: 'raw events partitioned by month (PostgreSQL)',
    // SQLite keeps one table; retention deletes its old rows through the time index.
    sqlite: 'SELECT 1;',
    postgres: partitioned,
  },
  {
    version: 8,
    name: 'one table of stored event ids (PostgreSQL)',
    // SQLite's events table is not partitioned: its id key already spans every event.
    sqlite: 'SELECT 1;',
    postgres: eventIds,
  },
  {
    version: 9,
    name: 'room on roll-up pages for heap-only updates (PostgreSQL)',
    // SQLite updates a row in place.
    sqlite: 'SELECT 1;',
    postgres: rollupRoom,
  },
  {
    version: 10,
    name: 'room on roll-up pages for a whole batch (PostgreSQL)',
    sqlite: 'SELECT 1;',
    postgres: rollupRoomForABatch,
  },
  {
    version: 11,
    name: 'the row type of ingested events (PostgreSQL)',
    sqlite: 'SELECT 1;',
    postgres: eventRow,
  },
];
