// The bot's storage contract. SQLite (embedded default) and PostgreSQL (several bot instances) implement it and
// must behave identically: test/slackbot/store.test.ts runs the same suite against both.
import { addExact, exactAmount, type UsageEvent } from '../../core';
import type { BreakerRecord, GuardrailStore } from './guardrails';
import type { QuotaStore, StoredBudget, StoredGrant } from './quota';

export type Dimension = 'team' | 'user' | 'model' | 'app';
export const DIMENSIONS: readonly Dimension[] = ['team', 'user', 'model', 'app'];
/** The one-dimension roll-up also sums per environment (environment budgets), which the full roll-up does not key. */
export type RollupDimension = Dimension | 'environment';

/** A usage event as the ledger keeps it: cost always known, and the organisation-local day it counts for. */
export interface LedgerEvent extends UsageEvent {
  costNanos: number;
  /** 'reported' by the source, 'priced' from the price table, or 'unpriced' (unknown model: cost 0). */
  costSource: 'reported' | 'priced' | 'unpriced';
  /** Where the event came from: 'api' (POST /v1/usage), 'openai', 'anthropic'. */
  source: string;
  /** `YYYY-MM-DD` in the organisation's time zone. */
  day: string;
}

export interface Totals {
  /** Model calls (as reported; a provider bucket counts its calls). */
  requests: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costNanos: number;
}

export interface SpendQuery {
  /** Inclusive organisation-local days, `YYYY-MM-DD`. */
  fromDay: string;
  toDay: string;
  /** Only events whose `dimension` is one of `values` (a Slack user may appear under their id and their email). */
  filter?: { dimension: RollupDimension; values: readonly string[] };
  /** `environment` only with a filter on the environment too (it has no column in the full roll-up). */
  by: RollupDimension;
}

export interface SpendRow extends Totals {
  day: string;
  /** The value of `by` ('' when the events did not say). */
  key: string;
}

/** One hour's spend for one full attribution and prompt, from the events' own times. */
export interface HourlyRow {
  /** Start of the hour-long window, Unix ms. */
  hour: number;
  team: string;
  user: string;
  app: string;
  model: string;
  /** The prompt id the events named ('' when none). */
  prompt: string;
  costNanos: number;
}

export interface PromptUsageQuery {
  /** Inclusive organisation-local days, `YYYY-MM-DD`. */
  fromDay: string;
  toDay: string;
  /** Only calls from this app ('' for calls that named no app); null for every app. */
  app: string | null;
  /** Only this prompt id; absent for every prompt. */
  prompt?: string;
  /**
   * 'prompt' (the default): one row per prompt id. 'app-model': one row per prompt, app, provider and model (what a
   * prompt's spend is made of). 'day': one row per prompt and day (calls per day).
   */
  by?: 'prompt' | 'app-model' | 'day';
}

/** Observed usage of one prompt id (and, by breakdown, one app and model or one day) within the queried days. */
export interface PromptUsageRow extends Totals {
  prompt: string;
  /** With `by: 'app-model'`: the app ('' when the events named none), provider and model. */
  app?: string;
  provider?: string;
  model?: string;
  /** With `by: 'day'`. */
  day?: string;
}

/** What a quota check reads, in one go. */
export interface QuotaSnapshotQuery {
  at: Date;
  /** Inclusive local days covering every period a budget may have (the month's and the week's first day to today). */
  fromDay: string;
  toDay: string;
  /** The subjects whose daily use is wanted, besides the organisation's. */
  subjects: ReadonlyArray<{ dimension: RollupDimension; key: string }>;
  /** A breaker identity whose last trip is wanted. */
  breaker?: string;
}

/** One day's use of one subject ('organization' and '' for the organisation). */
export interface DailyUse {
  dimension: RollupDimension | 'organization';
  key: string;
  day: string;
  costNanos: number;
  /** Input and output tokens, as budgets in tokens count them. */
  tokens: number;
}

export interface QuotaSnapshot {
  /** Every admin-set budget. */
  budgets: StoredBudget[];
  /** The grants in force at `at`. */
  grants: StoredGrant[];
  use: DailyUse[];
  breaker: BreakerRecord | undefined;
}

export interface PullCursor {
  source: string;
  value: string;
}

export interface IngestResult {
  inserted: number;
  /** Events whose id was already stored (retries), ignored. */
  duplicates: number;
}

export interface Store extends QuotaStore, GuardrailStore {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores events and their daily roll-ups in one transaction; ids already stored are skipped. With `cursor`, the
   * pull cursor moves in the same transaction, so a crash never leaves events without their cursor or the reverse.
   */
  ingest(events: readonly LedgerEvent[], cursor?: PullCursor): Promise<IngestResult>;
  /** Daily totals per value of `query.by` within the days and filter, from the roll-ups. */
  spend(query: SpendQuery): Promise<SpendRow[]>;
  /**
   * Spend in each hour-long window starting at `hours` (Unix ms), per team, user, app, model and prompt. A window
   * starting on a whole UTC hour is read from the hourly roll-up; one that does not (a time zone whose offset is not
   * whole hours) is summed from the events kept (see RETENTION_DAYS).
   */
  hourlySpend(hours: readonly number[]): Promise<HourlyRow[]>;
  /**
   * Keeps the raw events' lifecycle: drops (PostgreSQL: whole monthly partitions; SQLite: rows) events older than
   * `retainFrom` (Unix ms; nothing when undefined), and on PostgreSQL makes the partitions of the coming months.
   * Roll-ups are kept.
   */
  maintain(now: Date, retainFrom: number | undefined): Promise<void>;
  /**
   * Observed usage per prompt id from the daily prompt roll-up: `requests` are the calls, `inputTokens` all input
   * (cache reads and writes included, as everywhere in the ledger), `cacheReadTokens` the part read from a cache.
   * Events that named no prompt are not counted. Rows come by cost, highest first (ties by prompt, app, provider,
   * model, day, compared by code unit); with `by: 'day'`, by prompt then day. Examples:
   * `/tokens spend by prompt` → `{ app: null, fromDay, toDay }`; `/tokens spend prompt ID` → `{ app: null, prompt:
   * ID, fromDay, toDay }` for its totals and `{ …, by: 'app-model' }` for its breakdown; calls per day of an app's
   * prompts → `{ app, fromDay, toDay, by: 'day' }`.
   */
  promptUsage(query: PromptUsageQuery): Promise<PromptUsageRow[]>;
  /**
   * The admin-set budgets, the grants in force, each subject's (and the organisation's) daily use over the days and
   * the breaker asked for, from one consistent read: one query on PostgreSQL, so the quota check waits on one round
   * trip before its admission.
   */
  quotaSnapshot(query: QuotaSnapshotQuery): Promise<QuotaSnapshot>;
  cursor(source: string): Promise<string | undefined>;
  /**
   * Records a Slack request signature until `expiresAt`: true the first time, false while it is recorded (a replay),
   * across restarts and instances. Signatures expired at `now` are purged on the way.
   */
  admitSignature(signature: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Resolves once the store has answered a query on its migrated schema; rejects when it cannot (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Column of the roll-up table for each dimension. */
export const DIMENSION_COLUMN: Readonly<Record<Dimension, string>> = {
  team: 'team',
  user: 'user_id',
  model: 'model',
  app: 'app',
};

export function emptyTotals(): Totals {
  return {
    requests: 0,
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    costNanos: 0,
  };
}

/** The roll-up key of an event; events sharing it are summed into one row. */
export interface RollupKey {
  day: string;
  team: string;
  user: string;
  app: string;
  provider: string;
  model: string;
}

export interface RollupRow extends RollupKey, Totals {}

/** A row of the daily prompt roll-up: one day's totals for one prompt, app, provider and model. */
export interface PromptRollupRow extends Totals {
  day: string;
  prompt: string;
  app: string;
  provider: string;
  model: string;
}

/** A row of the one-dimension roll-up: a day's totals for one team, user, model, app or environment. */
export interface DimensionRow extends Totals {
  dimension: RollupDimension;
  day: string;
  key: string;
}

/** Adds `amounts` into `row`, exactly (AmountOverflowError past Number.MAX_SAFE_INTEGER). */
export function addTotals(row: Totals, amounts: Totals): void {
  row.requests = addExact(row.requests, amounts.requests);
  row.inputTokens = addExact(row.inputTokens, amounts.inputTokens);
  row.cacheReadTokens = addExact(row.cacheReadTokens, amounts.cacheReadTokens);
  row.cacheWriteTokens = addExact(row.cacheWriteTokens, amounts.cacheWriteTokens);
  row.outputTokens = addExact(row.outputTokens, amounts.outputTokens);
  row.reasoningTokens = addExact(row.reasoningTokens, amounts.reasoningTokens);
  row.costNanos = addExact(row.costNanos, amounts.costNanos);
}

/** The summed amounts of an event or roll-up row, in SUM_COLUMNS' order. */
export const TOTAL_KEYS = [
  'requests',
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
  'costNanos',
] as const;

/**
 * A row of `spendSql` as a spend row. The sums come back as numbers (SQLite, a double once past 2^53) or decimal
 * text (PostgreSQL's numeric); each is taken exactly or refused with AmountOverflowError, never rounded.
 */
export function spendRow(row: Record<string, unknown>): SpendRow {
  const converted = { day: String(row.day), key: String(row.key) } as SpendRow;
  for (const key of TOTAL_KEYS) converted[key] = exactAmount(row[key]);
  return converted;
}

/** Strings compared by code unit, so both databases' collations and JavaScript agree on an order. */
const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortedValues<T>(rows: Map<string, T>): T[] {
  return [...rows.entries()].sort(([a], [b]) => codeUnits(a, b)).map(([, row]) => row);
}

/** The map under `key`, made when missing. */
function level<T>(map: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let next = map.get(key);
  if (next === undefined) map.set(key, (next = new Map()));
  return next;
}

function compareRollupKeys(a: RollupKey, b: RollupKey): number {
  return (
    codeUnits(a.day, b.day) ||
    codeUnits(a.team, b.team) ||
    codeUnits(a.user, b.user) ||
    codeUnits(a.app, b.app) ||
    codeUnits(a.provider, b.provider) ||
    codeUnits(a.model, b.model)
  );
}

function comparePromptKeys(a: PromptRollupRow, b: PromptRollupRow): number {
  return (
    codeUnits(a.day, b.day) ||
    codeUnits(a.prompt, b.prompt) ||
    codeUnits(a.app, b.app) ||
    codeUnits(a.provider, b.provider) ||
    codeUnits(a.model, b.model)
  );
}

/** A row of the hourly roll-up: an hour's totals for one team, user, app, model and prompt. */
export interface HourlyRollupRow extends Totals {
  hour: number;
  team: string;
  user: string;
  app: string;
  model: string;
  prompt: string;
}

const HOUR_MS = 3_600_000;

/**
 * The daily use query of `quotaSnapshot`, shared by both stores: the subjects' rows of the one-dimension roll-up
 * (its primary key leads with dimension and day) and the organisation's, summed over the teams' rows.
 */
export function dailyUseSql(
  query: QuotaSnapshotQuery,
  placeholder: (n: number) => string,
): { sql: string; params: string[] } {
  const params: string[] = [];
  const parts: string[] = [];
  const sums = 'SUM(cost_nanos) AS cost, SUM(input_tokens) + SUM(output_tokens) AS tokens';
  const dimensions = [...new Set(query.subjects.map((subject) => subject.dimension))];
  for (const dimension of dimensions) {
    const dimensionMarker = placeholder(params.push(dimension));
    const from = placeholder(params.push(query.fromDay));
    const to = placeholder(params.push(query.toDay));
    const keys = query.subjects
      .filter((subject) => subject.dimension === dimension)
      .map((subject) => placeholder(params.push(subject.key)));
    parts.push(`SELECT dimension, key, day, ${sums} FROM usage_daily_by
      WHERE dimension = ${dimensionMarker} AND day >= ${from} AND day <= ${to} AND key IN (${keys.join(', ')})
      GROUP BY dimension, key, day`);
  }
  const from = placeholder(params.push(query.fromDay));
  const to = placeholder(params.push(query.toDay));
  parts.push(`SELECT 'organization' AS dimension, '' AS key, day, ${sums} FROM usage_daily_by
    WHERE dimension = 'team' AND day >= ${from} AND day <= ${to} GROUP BY day`);
  return { sql: parts.join(' UNION ALL '), params };
}

export function dailyUseRow(row: Record<string, unknown>): DailyUse {
  return {
    dimension: String(row.dimension) as DailyUse['dimension'],
    key: String(row.key),
    day: String(row.day),
    costNanos: exactAmount(row.cost),
    tokens: exactAmount(row.tokens),
  };
}

/** Sums events into one row per UTC hour, team, user, app, model and prompt, found through one map per key part. */
function hourlyRollup(events: readonly LedgerEvent[]): HourlyRollupRow[] {
  const byHour = new Map<number, Map<string, Map<string, Map<string, Map<string, Map<string, HourlyRollupRow>>>>>>();
  const rows: HourlyRollupRow[] = [];
  for (const event of events) {
    const hour = event.time - (event.time % HOUR_MS);
    const team = event.team ?? '';
    const user = event.user ?? '';
    const app = event.app ?? '';
    const prompt = event.prompt ?? '';
    let byTeam = byHour.get(hour);
    if (byTeam === undefined) byHour.set(hour, (byTeam = new Map()));
    const byPrompt = level(level(level(byTeam, team), user), app);
    const byModel = level(byPrompt, event.model);
    let row = byModel.get(prompt);
    if (row === undefined) {
      row = {
        hour,
        team,
        user,
        app,
        model: event.model,
        prompt,
        requests: 0,
        inputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
        costNanos: 0,
      };
      byModel.set(prompt, row);
      rows.push(row);
    }
    addTotals(row, event);
  }
  return rows;
}

/** Sums the events that name a prompt into one row per day, prompt, app, provider and model, in key order. */
function promptRollup(events: readonly LedgerEvent[]): PromptRollupRow[] {
  const byDay = new Map<string, Map<string, Map<string, Map<string, Map<string, PromptRollupRow>>>>>();
  const rows: PromptRollupRow[] = [];
  for (const event of events) {
    const { day, prompt, provider, model } = event;
    if (!prompt) continue;
    const app = event.app ?? '';
    const byModel = level(level(level(level(byDay, day), prompt), app), provider);
    let row = byModel.get(model);
    if (row === undefined) {
      row = { day, prompt, app, provider, model, ...emptyTotals() };
      byModel.set(model, row);
      rows.push(row);
    }
    addTotals(row, event);
  }
  return rows.sort(comparePromptKeys);
}

/**
 * Sums events into the roll-ups: one row per day and full attribution, one per day and value of each single
 * dimension, one per day, prompt, app and model for events naming a prompt, and one per hour, full attribution and
 * prompt. Both stores write these rows: SQLite one by one in its transaction, PostgreSQL as its ingest statement's
 * array parameters.
 */
export function rollup(events: readonly LedgerEvent[]): {
  full: RollupRow[];
  byDimension: DimensionRow[];
  byPrompt: PromptRollupRow[];
  byHour: HourlyRollupRow[];
} {
  // One map per part of the key: an event finds its row by its own strings, whose hashes V8 keeps, instead of by a
  // joined key built and hashed for every event.
  const byDay = new Map<string, Map<string, Map<string, Map<string, Map<string, Map<string, RollupRow>>>>>>();
  const full: RollupRow[] = [];
  const environments = new Map<string, Map<string, DimensionRow>>();
  const single = new Map<string, DimensionRow>();
  for (const event of events) {
    const environment = event.environment ?? '';
    const byEnvironment = level(environments, event.day);
    let environmentRow = byEnvironment.get(environment);
    if (environmentRow === undefined) {
      environmentRow = { dimension: 'environment', day: event.day, key: environment, ...emptyTotals() };
      byEnvironment.set(environment, environmentRow);
      single.set(`environment\u0000${event.day}\u0000${environment}`, environmentRow);
    }
    addTotals(environmentRow, event);
    const { day, provider, model } = event;
    const team = event.team ?? '';
    const user = event.user ?? '';
    const app = event.app ?? '';
    const byModel = level(level(level(level(level(byDay, day), team), user), app), provider);
    let row = byModel.get(model);
    if (row === undefined) {
      // Written out: spreading emptyTotals() into a new row costs more than summing an event into it.
      row = {
        day,
        team,
        user,
        app,
        provider,
        model,
        requests: 0,
        inputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
        costNanos: 0,
      };
      byModel.set(model, row);
      full.push(row);
    }
    addTotals(row, event);
  }
  // A single dimension's row sums the full rows sharing its value: far fewer to visit than the events.
  for (const row of full) {
    for (const dimension of DIMENSIONS) {
      const key = row[dimension];
      const id = `${dimension}\u0000${row.day}\u0000${key}`;
      let dimensionRow = single.get(id);
      if (dimensionRow === undefined) {
        dimensionRow = { dimension, day: row.day, key, ...emptyTotals() };
        single.set(id, dimensionRow);
      }
      addTotals(dimensionRow, row);
    }
  }
  return {
    full: full.sort(compareRollupKeys),
    byDimension: sortedValues(single),
    byPrompt: promptRollup(events),
    byHour: hourlyRollup(events),
  };
}

/** The events of a batch without ids repeated in it: the first with each id counts, as it does when stored in order. */
export function firstOfEachId(events: readonly LedgerEvent[]): LedgerEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    if (seen.has(event.id)) return false;
    seen.add(event.id);
    return true;
  });
}

/** The summed columns of both roll-up tables. */
export const SUM_COLUMNS = [
  'requests',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_nanos',
] as const;

const SUMS = `SUM(requests) AS requests, SUM(input_tokens) AS "inputTokens", SUM(cache_read_tokens) AS "cacheReadTokens",
  SUM(cache_write_tokens) AS "cacheWriteTokens", SUM(output_tokens) AS "outputTokens",
  SUM(reasoning_tokens) AS "reasoningTokens", SUM(cost_nanos) AS "costNanos"`;

/**
 * The roll-up query shared by both stores; `placeholder(n)` writes the dialect's n-th parameter marker. A question
 * about one dimension (no filter, or filter and breakdown on the same one) reads the small one-dimension roll-up;
 * a filter on one dimension broken down by another reads the full roll-up through the filter column's index.
 */
export function spendSql(query: SpendQuery, placeholder: (n: number) => string): { sql: string; params: string[] } {
  const params: string[] = [query.fromDay, query.toDay];
  const within = `day >= ${placeholder(1)} AND day <= ${placeholder(2)}`;
  const among = (column: string, values: readonly string[]) => {
    const markers = values.map((value) => placeholder(params.push(value)));
    return markers.length ? ` AND ${column} IN (${markers.join(', ')})` : ' AND 1 = 0';
  };
  if (!query.filter || query.filter.dimension === query.by) {
    // Markers go in the order their values were pushed: SQLite's `?` binds by position.
    const where = `${within} AND dimension = ${placeholder(params.push(query.by))}${query.filter ? among('key', query.filter.values) : ''}`;
    return { sql: `SELECT day, key, ${SUMS} FROM usage_daily_by WHERE ${where} GROUP BY day, key`, params };
  }
  if (query.by === 'environment' || query.filter.dimension === 'environment')
    throw new Error('the environment roll-up answers only about the environment itself');
  const key = DIMENSION_COLUMN[query.by];
  const where = `${within}${among(DIMENSION_COLUMN[query.filter.dimension], query.filter.values)}`;
  return { sql: `SELECT day, ${key} AS key, ${SUMS} FROM usage_daily WHERE ${where} GROUP BY day, ${key}`, params };
}

const PROMPT_GROUPS = {
  prompt: ['prompt'],
  'app-model': ['prompt', 'app', 'provider', 'model'],
  day: ['prompt', 'day'],
};

/** The prompt roll-up query shared by both stores; `placeholder(n)` writes the dialect's n-th parameter marker. */
export function promptUsageSql(
  query: PromptUsageQuery,
  placeholder: (n: number) => string,
): { sql: string; params: string[] } {
  const params: string[] = [query.fromDay, query.toDay];
  let where = `day >= ${placeholder(1)} AND day <= ${placeholder(2)}`;
  if (query.app !== null) where += ` AND app = ${placeholder(params.push(query.app))}`;
  if (query.prompt !== undefined) where += ` AND prompt = ${placeholder(params.push(query.prompt))}`;
  const columns = PROMPT_GROUPS[query.by ?? 'prompt'].join(', ');
  return { sql: `SELECT ${columns}, ${SUMS} FROM usage_daily_prompt WHERE ${where} GROUP BY ${columns}`, params };
}

/** Rows of `promptUsageSql` as prompt usage rows, in the order `Store.promptUsage` documents. */
export function promptUsageRows(
  rows: ReadonlyArray<Record<string, unknown>>,
  query: PromptUsageQuery,
): PromptUsageRow[] {
  const by = query.by ?? 'prompt';
  const converted = rows.map((row) => {
    const usage = { prompt: String(row.prompt) } as PromptUsageRow;
    if (by === 'app-model') {
      usage.app = String(row.app);
      usage.provider = String(row.provider);
      usage.model = String(row.model);
    }
    if (by === 'day') usage.day = String(row.day);
    for (const key of TOTAL_KEYS) usage[key] = exactAmount(row[key]);
    return usage;
  });
  const keys = (a: PromptUsageRow, b: PromptUsageRow) =>
    codeUnits(a.prompt, b.prompt) ||
    codeUnits(a.app ?? '', b.app ?? '') ||
    codeUnits(a.provider ?? '', b.provider ?? '') ||
    codeUnits(a.model ?? '', b.model ?? '') ||
    codeUnits(a.day ?? '', b.day ?? '');
  return converted.sort(by === 'day' ? keys : (a, b) => b.costNanos - a.costNanos || keys(a, b));
}

/**
 * The hourly query shared by both stores: windows on whole UTC hours are rows of the hourly roll-up, read by its
 * primary key; any other window is one range read of the events' time index.
 */
export function hourlySql(
  hours: readonly number[],
  placeholder: (n: number) => string,
): { sql: string; params: number[] } {
  const params: number[] = [];
  const parts: string[] = [];
  const aligned = hours.filter((start) => start % HOUR_MS === 0);
  // Markers in the order their values are pushed: SQLite's `?` binds by position.
  if (aligned.length) {
    const markers = aligned.map((start) => placeholder(params.push(start)));
    parts.push(`SELECT hour, team, user_id, app, model, prompt, cost_nanos AS cost FROM usage_hourly
      WHERE hour IN (${markers.join(', ')})`);
  }
  for (const start of hours.filter((start) => start % HOUR_MS !== 0)) {
    const from = placeholder(params.push(start));
    const to = placeholder(params.push(start + HOUR_MS));
    // The window's start labels its rows: a whole number this code computed, written as a literal.
    parts.push(`SELECT ${Math.trunc(start)} AS hour, team, user_id, app, model, prompt, SUM(cost_nanos) AS cost
      FROM usage_events WHERE at >= ${from} AND at < ${to} GROUP BY team, user_id, app, model, prompt`);
  }
  return { sql: parts.join(' UNION ALL '), params };
}

/** Rows of `hourlySql` as hourly rows in hour, team, user, app, model and prompt order (by code unit). */
export function hourlyRows(rows: ReadonlyArray<Record<string, unknown>>): HourlyRow[] {
  return rows
    .map((row) => ({
      hour: Number(row.hour),
      team: String(row.team),
      user: String(row.user_id),
      app: String(row.app),
      model: String(row.model),
      prompt: String(row.prompt),
      costNanos: exactAmount(row.cost),
    }))
    .sort(
      (a, b) =>
        a.hour - b.hour ||
        codeUnits(a.team, b.team) ||
        codeUnits(a.user, b.user) ||
        codeUnits(a.app, b.app) ||
        codeUnits(a.model, b.model) ||
        codeUnits(a.prompt, b.prompt),
    );
}

/** Rows in day then key order, compared by code unit so both databases' collations give the same order. */
export function sortRows(rows: SpendRow[]): SpendRow[] {
  return rows.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
