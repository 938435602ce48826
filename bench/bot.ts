// `npm run bench:bot`: the Slack bot's ledger on SQLite. Ingest throughput (store alone, and the whole pipeline:
// validation + pricing + store), `/tokens spend` and spend-by-prompt latency (p50/p95) and the quota check's at 1 M
// and 10 M events (budgets alone, and with 50 rate-limit and breaker rules in force), and the hourly anomaly check at
// 10 M. Events name 500 prompt ids. `npm run bench:bot -- --postgres` measures PostgreSQL instead, on a server of its
// own: ingest with one and two instances beside SQLite's in the same run (the median of five rounds of each), events
// of the last complete hour past 1 M, then the same latencies. BENCH_SIZES=20000,50000 (or BENCH_EVENTS for the
// second size) runs it small.
// The bench bundles itself with esbuild as the bot is bundled and runs the bundle in plain Node, so it measures the
// code users run rather than the sources through a TypeScript loader (whose helpers wrap every inner function).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { webApi } from '@slack/bolt';
import { buildSync } from 'esbuild';
import pg from 'pg';
import { parsePolicy, parseUsageBatch } from '../core';
import { anomalyAlerts } from '../slackbot/alerts/anomalies';
import { alertQueue } from '../slackbot/alerts/scheduler';
import { subjectsOf } from '../slackbot/alerts/subjects';
import type { BotContext } from '../slackbot/context';
import { storeUsage, toLedgerEvent, localDay } from '../slackbot/ledger';
import { loadConfig } from '../slackbot/config';
import { checkQuerySchema, quotaCheck } from '../slackbot/http/quotaCheck';
import { createHttpServer } from '../slackbot/http/server';
import { createLog } from '../slackbot/log';
import { spendReport, type SpendContext } from '../slackbot/spend/report';
import type { SpendArgs } from '../slackbot/spend/args';
import { PostgresStore } from '../slackbot/store/postgres';
import { SqliteStore } from '../slackbot/store/sqlite';
import type { LedgerEvent, Store } from '../slackbot/store/store';
import { startPostgres } from '../test/slackbot/support/postgresServer';

const TIME_ZONE = 'Europe/Berlin';
const NOW = new Date('2026-11-22T15:00:00Z');
const DAYS = 90;
const BATCH = 20_000;
const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map(Number)
  : [1_000_000, Number(process.env.BENCH_EVENTS ?? 10_000_000)];
/** Ingest batches as a gateway or collector sends them to POST /v1/usage, for the PostgreSQL comparison. */
const WIRE_BATCH = 5_000;
/** Rounds of the PostgreSQL mode's ingest comparison. */
const ROUNDS = 5;
const TEAMS = ['search', 'ads', 'support', 'research', 'platform', 'growth', 'mobile', 'data'];
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'gemini-2.5-flash', 'o3'];
const APPS = ['ranker', 'chat', 'summariser', 'triage', 'codegen'];
const USERS = Array.from({ length: 60 }, (_, i) => `U${String(1000 + i)}`);
/** Prompt ids as the audit gives them; a prompt lives in one app's code. */
const PROMPTS = Array.from({ length: 500 }, (_, i) => `src/${APPS[i % APPS.length]}/prompt${i}.ts#run`);

const policy = parsePolicy(
  JSON.stringify({
    timeZone: TIME_ZONE,
    teams: Object.fromEntries(
      TEAMS.map((team, i) => [team, { members: USERS.filter((_, u) => u % TEAMS.length === i), approvers: ['U0999'] }]),
    ),
    budgets: {
      organization: { amountUsd: 250_000 },
      teams: Object.fromEntries(TEAMS.map((team) => [team, { amountUsd: 20_000 }])),
    },
  }),
  'tokenwise.config.json',
);

// A small deterministic generator, so every run measures the same data.
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const start = NOW.getTime() - DAYS * 86_400_000;
function ledgerEvent(n: number, total: number): LedgerEvent {
  const user = pick(USERS);
  const time = start + Math.floor((n / total) * DAYS * 86_400_000);
  const input = 200 + Math.floor(random() * 4000);
  const cached = Math.floor(input * random() * 0.5);
  const output = 20 + Math.floor(random() * 800);
  // A person works with a handful of prompts (nine of them, all 500 covered across the 60), each of one app and model.
  const prompt = (Number(user.slice(1)) * 9 + Math.floor(random() * 9)) % PROMPTS.length;
  return {
    id: `evt-${String(n).padStart(9, '0')}`,
    time,
    day: localDay(time, TIME_ZONE),
    source: 'api',
    provider: 'openai',
    model: MODELS[prompt % MODELS.length]!,
    requests: 1,
    inputTokens: input,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: output,
    reasoningTokens: 0,
    costNanos: input * 2_500 + output * 10_000,
    costSource: 'reported',
    user,
    team: TEAMS[Number(user.slice(1)) % TEAMS.length],
    app: APPS[prompt % APPS.length],
    prompt: PROMPTS[prompt],
    tags: [],
  };
}

const sizeLabel = (events: number) =>
  events >= 1e6 ? `${+(events / 1e6).toFixed(1)} M events` : `${+(events / 1e3).toFixed(1)} k events`;
const rate = (events: number, seconds: number) => `${Math.round(events / seconds).toLocaleString('en-US')} events/s`;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * GET `path` from the bot on `port` with the ingest token, as a gateway does: over a kept-alive connection with
 * Node's own HTTP client (fetch costs the shared process several times the client work, which a gateway in a
 * process of its own would not add to the bot's latency). Resolves with the status and the parsed body.
 */
function getJson(agent: Agent, port: number, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: 'Bearer bench-ingest-token-0000' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
        response.on('error', reject);
      },
    ).on('error', reject);
  });
}

const QUERIES: Array<[string, SpendArgs]> = [
  ['org month by team', { range: 'month', by: 'team', public: false }],
  ['org 30d by model', { range: '30d', by: 'model', public: false }],
  ['team 7d by user', { filter: { dimension: 'team', value: 'search' }, range: '7d', by: 'user', public: false }],
  [
    'team last-month by model',
    { filter: { dimension: 'team', value: 'ads' }, range: 'last-month', by: 'model', public: false },
  ],
  ['user 30d by model', { filter: { dimension: 'user', value: 'U1003' }, range: '30d', by: 'model', public: false }],
  ['model 90d by team', { filter: { dimension: 'model', value: 'gpt-4o' }, range: '90d', by: 'team', public: false }],
  ['app today by user', { filter: { dimension: 'app', value: 'chat' }, range: 'today', by: 'user', public: false }],
  ['org 30d by prompt', { range: '30d', by: 'prompt', public: false }],
  [
    'prompt 30d by model',
    { filter: { dimension: 'prompt', value: PROMPTS[7]! }, range: '30d', by: 'model', public: false },
  ],
];

async function measureQueries(context: SpendContext, label: string): Promise<number> {
  const samples: number[] = [];
  const byShape = new Map<string, number[]>();
  for (let round = 0; round < 15; round++) {
    for (const [name, args] of QUERIES) {
      const began = performance.now();
      await spendReport(args, context);
      const elapsed = performance.now() - began;
      samples.push(elapsed);
      byShape.set(name, [...(byShape.get(name) ?? []), elapsed]);
    }
  }
  const p95 = percentile(samples, 95);
  const [slowest, times] = [...byShape].sort(([, a], [, b]) => percentile(b, 50) - percentile(a, 50))[0]!;
  console.log(
    `  /tokens spend at ${label}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ` +
      `(${samples.length} queries over ${QUERIES.length} shapes; slowest shape "${slowest}", median ${percentile(times, 50).toFixed(1)} ms)`,
  );
  return p95;
}

const PROMPT_QUERIES: Array<[string, (from: string, to: string) => Parameters<Store['promptUsage']>[0]]> = [
  ['org 30d by prompt', (fromDay, toDay) => ({ app: null, fromDay, toDay })],
  ['app 7d by prompt', (_fromDay, toDay) => ({ app: 'chat', fromDay: daysBefore(toDay, 6), toDay })],
  [
    'one prompt 30d by app and model',
    (fromDay, toDay) => ({ app: null, prompt: PROMPTS[7]!, fromDay, toDay, by: 'app-model' }),
  ],
  ['one prompt 30d by day', (fromDay, toDay) => ({ app: null, prompt: PROMPTS[7]!, fromDay, toDay, by: 'day' })],
];

function daysBefore(day: string, count: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) - count * 86_400_000).toISOString().slice(0, 10);
}

/** `/tokens spend by prompt` and `/tokens spend prompt ID` as the store answers them, over the last 30 days. */
async function measurePromptQueries(store: Store, label: string): Promise<number> {
  const toDay = localDay(NOW.getTime(), TIME_ZONE);
  const fromDay = daysBefore(toDay, 29);
  const samples: number[] = [];
  for (let round = 0; round < 15; round++) {
    for (const [, query] of PROMPT_QUERIES) {
      const began = performance.now();
      await store.promptUsage(query(fromDay, toDay));
      samples.push(performance.now() - began);
    }
  }
  const p95 = percentile(samples, 95);
  console.log(
    `  spend by prompt at ${label}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${samples.length} queries over ${PROMPT_QUERIES.length} shapes, ${PROMPTS.length} prompts)`,
  );
  return p95;
}

/** GET /v1/quota/check over HTTP on 127.0.0.1, as a gateway calls it: organisation, team and user budgets apply. */
async function measureQuotaCheck(store: Store, label: string): Promise<number> {
  await store.setBudget(
    {
      scope: 'user',
      subject: 'U1003',
      unit: 'usd',
      period: 'day',
      limit: 50_000_000_000,
      thresholds: [80],
      hardCapPercent: 100,
    },
    'U0999',
    NOW,
  );
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret-000',
    INGEST_TOKEN: 'bench-ingest-token-0000',
  });
  const bot = { config, store, policy, timeZone: TIME_ZONE, log: createLog('error', () => undefined), now: () => NOW };
  const server = createHttpServer(bot);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  for (let i = 0; i < 600; i++) {
    const user = USERS[i % USERS.length]!;
    const began = performance.now();
    const response = await getJson(agent, port, `/v1/quota/check?user=${user}&tokens=2000&usd=0.02`);
    if (response.status !== 200) throw new Error(`quota check answered ${response.status}`);
    if (i >= 100) samples.push(performance.now() - began);
  }
  agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const p95 = percentile(samples, 95);
  // The decision alone also in CPU time, which other load on a shared machine leaves out.
  const decisions: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 500; i++) {
    const began = performance.now();
    const cpuBegan = process.cpuUsage();
    await quotaCheck(bot, { user: USERS[i % USERS.length]!, tokens: 2000, usd: 20_000_000 });
    const used = process.cpuUsage(cpuBegan);
    cpu.push((used.user + used.system) / 1000);
    decisions.push(performance.now() - began);
  }
  console.log(
    `  GET /v1/quota/check at ${label}: p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over HTTP, kept-alive node:http client in the same process ` +
      `(${samples.length} checks after 100 warm-up; target p95 < 5 ms ${p95 < 5 ? 'met' : 'MISSED'}); the decision alone p95 ${percentile(decisions, 95).toFixed(2)} ms wall, ${percentile(cpu, 95).toFixed(2)} ms CPU`,
  );
  return percentile(cpu, 95);
}

const ENVIRONMENTS = ['dev', 'test', 'staging', 'prod'];

/**
 * The same budgets with 50 guardrails: 30 rate limits (per environment × user/app/key, per app × user/key, eight on
 * every request) and 20 breakers (per environment, per app, per environment and app). A check names an environment,
 * app, session, key and fingerprint, so about 13 counters step and 3 breakers count each admitted call.
 */
const guardedPolicy = parsePolicy(
  JSON.stringify({
    timeZone: TIME_ZONE,
    teams: Object.fromEntries(
      TEAMS.map((team, i) => [team, { members: USERS.filter((_, u) => u % TEAMS.length === i), approvers: ['U0999'] }]),
    ),
    budgets: {
      organization: { amountUsd: 250_000 },
      teams: Object.fromEntries(TEAMS.map((team) => [team, { amountUsd: 20_000 }])),
    },
    guardrails: {
      rateLimits: [
        ...ENVIRONMENTS.flatMap((environment) =>
          ['user', 'app', 'apiKey'].map((per) => ({ environment, per, rpm: 1_000_000, tpm: 1_000_000_000 })),
        ),
        ...APPS.flatMap((app) => ['user', 'apiKey'].map((per) => ({ app, per, rpm: 1_000_000 }))),
        ...Array.from({ length: 8 }, (_, i) => ({
          per: ['user', 'app', 'environment', 'apiKey'][i % 4],
          rpm: 1_000_000 + i,
        })),
      ],
      breakers: [
        ...ENVIRONMENTS.map((environment) => ({ environment, maxCalls: 1_000_000, maxUsd: 1_000 })),
        ...APPS.map((app) => ({ app, windowMinutes: 5, maxRepeats: 1_000 })),
        ...Array.from({ length: 11 }, (_, i) => ({
          environment: ENVIRONMENTS[i % 4],
          app: APPS[i % 5],
          windowMinutes: 10 + i,
          maxTokens: 1e12,
        })),
      ],
    },
  }),
  'tokenwise.config.json',
);

/**
 * GET /v1/quota/check over HTTP with every guardrail parameter, each check admitted (counted in its rules), and the
 * decision alone in CPU time beside the budgets-only check's (`plainCpuP95`).
 */
async function measureGuardedCheck(store: Store, label: string, plainCpuP95: number): Promise<void> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret-000',
    INGEST_TOKEN: 'bench-ingest-token-0000',
  });
  const bot = {
    config,
    store,
    policy: guardedPolicy,
    timeZone: TIME_ZONE,
    log: createLog('error', () => undefined),
    now: () => NOW,
  };
  const server = createHttpServer(bot);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const samples: number[] = [];
  let denied = 0;
  const queryOf = (i: number) =>
    new URLSearchParams({
      user: USERS[i % USERS.length]!,
      environment: ENVIRONMENTS[i % ENVIRONMENTS.length]!,
      app: APPS[i % APPS.length]!,
      session: `session-${i % 200}`,
      apiKey: `key-${i % 40}`,
      fingerprint: `sha256-${(i * 7919).toString(16).padStart(12, '0')}`,
      model: 'gpt-4o-mini',
      inputTokens: '1500',
      outputTokens: '400',
    });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 600; i++) {
    const began = performance.now();
    const response = await getJson(agent, port, `/v1/quota/check?${queryOf(i)}`);
    if (response.status !== 200) throw new Error(`quota check answered ${response.status}`);
    if (!(response.body as { allow: boolean }).allow) denied++;
    if (i >= 100) samples.push(performance.now() - began);
  }
  agent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const p95 = percentile(samples, 95);
  const cpu: number[] = [];
  for (let i = 600; i < 1100; i++) {
    const query = checkQuerySchema.parse(Object.fromEntries(queryOf(i)));
    const cpuBegan = process.cpuUsage();
    await quotaCheck(bot, query);
    const used = process.cpuUsage(cpuBegan);
    cpu.push((used.user + used.system) / 1000);
  }
  const cpuP95 = percentile(cpu, 95);
  console.log(
    `  GET /v1/quota/check with ${guardedPolicy.guardrails.rateLimits.length + guardedPolicy.guardrails.breakers.length} rate-limit and breaker rules at ${label}: p50 ${percentile(samples, 50).toFixed(2)} ms, ` +
      `p95 ${p95.toFixed(2)} ms over HTTP (${samples.length} checks after 100 warm-up, each admitted and counted${denied ? `; ${denied} DENIED` : ''}; target p95 < 5 ms ${p95 < 5 ? 'met' : 'MISSED'}); ` +
      `the decision alone p95 ${cpuP95.toFixed(2)} ms CPU, ${(cpuP95 / plainCpuP95).toFixed(1)}× the budgets-only check's`,
  );
}

/**
 * The hourly anomaly check as the scheduler runs it for all teams and people: the last complete hour's spend, then
 * the comparable hours of four weeks and the daily roll-ups when some identity spent enough to be judged. The policy
 * names no alert channel, so nothing is posted and the Slack client is never called.
 */
async function measureAnomalyCheck(store: Store, label: string): Promise<void> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret-000',
    INGEST_TOKEN: 'bench-ingest-token-0000',
  });
  const bot = { config, store, policy, timeZone: TIME_ZONE, log: createLog('error', () => undefined), now: () => NOW };
  const client = {} as webApi.WebClient;
  const samples: number[] = [];
  for (let i = 0; i < 12; i++) {
    const began = performance.now();
    await anomalyAlerts(bot, client);
    if (i >= 2) samples.push(performance.now() - began);
  }
  console.log(
    `  hourly anomaly check at ${label}: p50 ${percentile(samples, 50).toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms (${samples.length} runs after 2 warm-up; every team and person)`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-botbench-'));
  const file = join(dir, 'bench.db');
  const store = new SqliteStore(file);
  // An interrupted run still removes its database (gigabytes at 10 M events).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const context: SpendContext = { store, policy, timeZone: TIME_ZONE, now: NOW, identities: async (user) => [user] };
  const total = SIZES[SIZES.length - 1]!;
  console.log(
    `tokenwise bot bench: SQLite (WAL), ${DAYS} days, ${TEAMS.length} teams, ${USERS.length} users, ${MODELS.length} models, ${APPS.length} apps`,
  );
  try {
    // Whole pipeline on a sample: validation (zod) + pricing (price table) + store, as POST /v1/usage runs it.
    const pipeline = Array.from({ length: 100_000 }, (_, i) => {
      const e = ledgerEvent(i, 100_000);
      return {
        id: `wire-${i}`,
        time: new Date(e.time).toISOString(),
        provider: 'openai',
        model: e.model.startsWith('gpt') ? e.model : 'gpt-4o-mini',
        inputTokens: e.inputTokens,
        cacheReadTokens: e.cacheReadTokens,
        outputTokens: e.outputTokens,
        user: e.user,
        team: e.team,
        app: e.app,
      };
    });
    const side = new SqliteStore(join(dir, 'pipeline.db'));
    // Each stage's share, and CPU time beside wall time: on a shared machine the wall time also counts waiting for a core.
    const stages = { validation: 0, pricing: 0, store: 0 };
    const options = { source: 'api', timeZone: TIME_ZONE };
    const cpuBegan = process.cpuUsage();
    let began = performance.now();
    for (let i = 0; i < pipeline.length; i += 5_000) {
      let at = performance.now();
      const parsed = parseUsageBatch(pipeline.slice(i, i + 5_000));
      if (!parsed.ok) throw new Error('bench rows invalid');
      stages.validation += performance.now() - at;
      at = performance.now();
      const events = parsed.events.map((event) => toLedgerEvent(event, options));
      stages.pricing += performance.now() - at;
      at = performance.now();
      await side.ingest(events);
      stages.store += performance.now() - at;
    }
    const pipelineRate = pipeline.length / ((performance.now() - began) / 1000);
    const pipelineCpu = process.cpuUsage(cpuBegan);
    await side.close();
    const perEvent = (ms: number) => `${((ms * 1000) / pipeline.length).toFixed(1)} µs`;
    console.log(
      `  ingest, validate + price + store: ${Math.round(pipelineRate).toLocaleString('en-US')} events/s (${pipeline.length.toLocaleString('en-US')} events, batches of 5,000; ` +
        `${Math.round(pipeline.length / ((pipelineCpu.user + pipelineCpu.system) / 1e6)).toLocaleString('en-US')} events/s by the process's CPU time); per event: ` +
        `validation ${perEvent(stages.validation)}, pricing and day ${perEvent(stages.pricing)}, store ${perEvent(stages.store)}`,
    );

    let written = 0;
    let storeSeconds = 0;
    let storeRate = 0;
    const p95s: number[] = [];
    for (const size of SIZES) {
      began = performance.now();
      while (written < size) {
        const batch: LedgerEvent[] = [];
        for (let i = 0; i < BATCH && written + i < size; i++) batch.push(ledgerEvent(written + i, total));
        const t = performance.now();
        await store.ingest(batch);
        storeSeconds += (performance.now() - t) / 1000;
        written += batch.length;
      }
      const elapsed = (performance.now() - began) / 1000;
      storeRate = written / storeSeconds;
      console.log(
        `  ingest, store only: ${Math.round(storeRate).toLocaleString('en-US')} events/s (${written.toLocaleString('en-US')} events so far; ${elapsed.toFixed(0)} s for this step incl. generation; db ${(statSync(file).size / 1e9).toFixed(2)} GB)`,
      );
      collectGarbage();
      p95s.push(await measureQueries(context, sizeLabel(size)));
      await measurePromptQueries(store, sizeLabel(size));
      const plainCpuP95 = await measureQuotaCheck(store, sizeLabel(size));
      await measureGuardedCheck(store, sizeLabel(size), plainCpuP95);
      // Events fill the 90 days in time order, so only the full size has spend in the hours the check reads.
      if (size === total) await measureAnomalyCheck(store, sizeLabel(size));
    }
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `  targets: store ingest ≥ 50,000 events/s ${verdict(storeRate >= 50_000)}; p95 < 100 ms at ${sizeLabel(total)} ${verdict(p95s[p95s.length - 1]! < 100)}; ` +
        `events that need pricing ≥ 50,000/s ${verdict(pipelineRate >= 50_000)}`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Stores `events` in batches of WIRE_BATCH through `stores` at once (each instance takes the next batch as soon as it
 * is free, as a load balancer spreads them) and returns the seconds it took.
 */
async function ingestAll(stores: readonly Store[], events: readonly LedgerEvent[]): Promise<number> {
  let next = 0;
  const began = performance.now();
  await Promise.all(
    stores.map(async (store) => {
      while (next < events.length) {
        const from = next;
        next += WIRE_BATCH;
        await store.ingest(events.slice(from, from + WIRE_BATCH));
      }
    }),
  );
  return (performance.now() - began) / 1000;
}

/** The PostgreSQL mode: see the header. Instances are stores with their own pools in this process. */
async function mainPostgres(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-botbench-'));
  // Commits are not waited for on disk, as SQLite's WAL with synchronous=NORMAL does not fsync each commit either. A
  // server that has run a while recycles its WAL segments; this new one would write every segment full of zeros
  // before use (a twentieth of the database's CPU in a bulk load here), which SQLite, reusing its one WAL file, never does.
  const server = await startPostgres([
    'synchronous_commit=off',
    'shared_buffers=512MB',
    'max_wal_size=8GB',
    'wal_init_zero=off',
  ]);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const total = SIZES[SIZES.length - 1]!;
  const first = SIZES[0]!;
  const opened: Store[] = [];
  const open = async (url: string) => {
    const store = await PostgresStore.open(url);
    opened.push(store);
    return store;
  };
  // A database measured and no longer needed goes at once, so autovacuum working through it does not share the two
  // cores with what is measured next.
  const drop = async (name: string, stores: readonly Store[]) => {
    for (const store of stores) {
      await store.close();
      opened.splice(opened.indexOf(store), 1);
    }
    await server.dropDatabase(name);
  };
  console.log(
    `tokenwise bot bench, PostgreSQL: ${DAYS} days, ${TEAMS.length} teams, ${USERS.length} users, ${MODELS.length} models, ${APPS.length} apps, ${PROMPTS.length} prompts; ` +
      `batches of ${WIRE_BATCH.toLocaleString('en-US')}; load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
  );
  try {
    // The same events for SQLite, one instance and two: the first size, spread over the first days. Each is measured
    // ROUNDS times in turn, each time into a new database, and the medians compared: one round's ratio moved by a
    // tenth or more with what else the two cores were doing while SQLite's single thread ran.
    let events: LedgerEvent[] = Array.from({ length: first }, (_, i) => ledgerEvent(i, total));
    const seconds = { sqlite: [] as number[], one: [] as number[], two: [] as number[] };
    let pair: Store[] = [];
    let url = '';
    for (let round = 1; round <= ROUNDS; round++) {
      const file = join(dir, `bench-${round}.db`);
      const sqlite = new SqliteStore(file);
      seconds.sqlite.push(await ingestAll([sqlite], events));
      await sqlite.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      const single = await open(await server.createDatabase(`bench_one_${round}`));
      seconds.one.push(await ingestAll([single], events));
      await drop(`bench_one_${round}`, [single]);
      url = await server.createDatabase(`bench_two_${round}`);
      pair = [await open(url), await open(url)];
      seconds.two.push(await ingestAll(pair, events));
      // The last round's database stays for the latencies.
      if (round < ROUNDS) await drop(`bench_two_${round}`, pair);
    }
    // A bot holds no such array: the latencies below are not to include collecting the bench's own data.
    events = [];
    const sqliteSeconds = percentile(seconds.sqlite, 50);
    const oneSeconds = percentile(seconds.one, 50);
    const twoSeconds = percentile(seconds.two, 50);
    const rates = (runs: number[]) =>
      `${rate(first, percentile(runs, 50))} (${runs.map((run) => Math.round(first / run).toLocaleString('en-US')).join(', ')})`;
    console.log(
      `  ingest, store only, ${sizeLabel(first)}, median of ${ROUNDS} rounds (each round's figure in brackets): SQLite ${rates(seconds.sqlite)}; ` +
        `PostgreSQL one instance ${rates(seconds.one)}, two instances ${rates(seconds.two)}; ` +
        `2 PG / SQLite ${(sqliteSeconds / twoSeconds).toFixed(2)} (target ≥ 0.8), 2 PG / 1 PG ${(oneSeconds / twoSeconds).toFixed(2)} (target ≥ 1.3)`,
    );

    // Events of the last complete hour through the bot's own path, so the unusual-spend check runs after batches.
    const hourUrl = await server.createDatabase('bench_hour');
    const hourStores = [await open(hourUrl), await open(hourUrl)];
    const hourStart = NOW.getTime() - 3_600_000;
    const queue = alertQueue(
      async (subjects) => {
        await anomalyAlerts(botOn(hourStores[0]!), {} as webApi.WebClient, subjects);
      },
      createLog('error', () => undefined),
      1_000,
    );
    const hourBots = hourStores.map((store) => ({
      ...botOn(store),
      usageStored: (stored: readonly LedgerEvent[]) => queue.check(subjectsOf(stored)),
    }));
    const hourEvents = 2 * first;
    const halves: number[] = [];
    for (let half = 0; half < 2; half++) {
      let next = half * first;
      const end = next + first;
      const began = performance.now();
      await Promise.all(
        hourBots.map(async (bot) => {
          while (next < end) {
            const from = next;
            next += WIRE_BATCH;
            const batch = Array.from({ length: Math.min(WIRE_BATCH, end - from) }, (_, i) => {
              const event = ledgerEvent(from + i, hourEvents);
              const time = hourStart + Math.floor(((from + i) / hourEvents) * 3_600_000);
              return { ...event, id: `hour-${from + i}`, time, day: localDay(time, TIME_ZONE) };
            });
            await storeUsage(bot, batch);
          }
        }),
      );
      halves.push((performance.now() - began) / 1000);
    }
    await queue.idle();
    await drop('bench_hour', hourStores);
    console.log(
      `  ingest of events in the last complete hour, two instances, alert checks after batches: first ${sizeLabel(first)} ${rate(first, halves[0]!)}, ` +
        `next ${sizeLabel(first)} ${rate(first, halves[1]!)} (${(halves[0]! / halves[1]!).toFixed(2)} of the first; target: no drop)`,
    );

    // Latencies on the two instances' database, grown to each size.
    const store = pair[0]!;
    const context: SpendContext = { store, policy, timeZone: TIME_ZONE, now: NOW, identities: async (user) => [user] };
    let written = first;
    for (const size of SIZES) {
      if (size > written) {
        // Made and stored a million at a time, so the bench never holds more than that.
        const from = written;
        let seconds = 0;
        for (; written < size; written = Math.min(size, written + 1_000_000)) {
          const more = Array.from({ length: Math.min(size, written + 1_000_000) - written }, (_, i) =>
            ledgerEvent(written + i, total),
          );
          seconds += await ingestAll(pair, more);
        }
        console.log(`  ingest to ${sizeLabel(size)}, two instances: ${rate(size - from, seconds)}`);
      }
      // Latencies of a settled database, not of autovacuum catching up with a bulk load on the same two cores.
      const settling = performance.now();
      await settle(url);
      console.log(
        `  VACUUM ANALYZE and CHECKPOINT after the load: ${((performance.now() - settling) / 1000).toFixed(1)} s`,
      );
      collectGarbage();
      await measureQueries(context, sizeLabel(size));
      await measurePromptQueries(store, sizeLabel(size));
      const plainCpuP95 = await measureQuotaCheck(store, sizeLabel(size));
      await measureGuardedCheck(store, sizeLabel(size), plainCpuP95);
      if (size === total) await measureAnomalyCheck(store, sizeLabel(size));
    }
  } finally {
    for (const store of opened) await store.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Vacuums and analyses the database at `url`, as autovacuum would in time after a bulk load, and writes the load's
 * pages out as the next checkpoint would (minutes of it, spread over the latencies measured next, otherwise).
 */
async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
}

/**
 * A full collection before latencies are sampled (the bundled run has --expose-gc), so collecting the bench's own
 * generated events does not land in the bot's percentiles.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** A bot context on `store` with the bench's policy, at NOW, that posts nothing (no alert channel is named). */
function botOn(store: Store): BotContext {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret-000',
    INGEST_TOKEN: 'bench-ingest-token-0000',
  });
  return { config, store, policy, timeZone: TIME_ZONE, log: createLog('error', () => undefined), now: () => NOW };
}

/** Bundles this file into dist/ (next to the bot's own bundle, so its dependencies resolve) and runs it there. */
function runBundled(): void {
  const outfile = join(__dirname, '..', 'dist', 'bench-bot.js');
  buildSync({
    entryPoints: [__filename],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'pg-native', 'esbuild'],
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, ['--expose-gc', outfile, '--bundled', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exitCode = run.status ?? 1;
}

if (process.argv.includes('--bundled')) void (process.argv.includes('--postgres') ? mainPostgres() : main());
else runBundled();
