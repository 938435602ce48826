// One suite, two stores: SQLite and a real PostgreSQL server must give the same answers.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore, type StoreLocation } from '../../slackbot/store';
import { migrations } from '../../slackbot/store/migrations';
import { prepared } from '../../slackbot/store/postgres';
import type { NewQuotaRequest } from '../../slackbot/store/quota';
import { guardrailRules, parsePolicy } from '../../core';
import type { Store } from '../../slackbot/store/store';
import { ledgerEvent } from './support/ledger';
import { createTestDatabase } from './support/postgres';

const kinds: Array<{ name: string; location: () => Promise<StoreLocation> }> = [
  {
    name: 'SQLite',
    location: async () => ({
      kind: 'sqlite',
      file: join(mkdtempSync(join(tmpdir(), 'tokenwise-store-')), 'ledger.db'),
    }),
  },
  { name: 'PostgreSQL', location: async () => ({ kind: 'postgres', url: await createTestDatabase() }) },
];

for (const { name, location } of kinds) {
  describe(`${name} store`, function () {
    this.timeout(60_000);
    let where: StoreLocation;
    let store: Store;

    beforeEach(async () => {
      where = await location();
      store = await openStore(where);
    });

    afterEach(async () => {
      await store.close();
      if (where.kind === 'sqlite') rmSync(join(where.file, '..'), { recursive: true, force: true });
    });

    it('adds events into daily roll-ups grouped by the chosen dimension', async () => {
      await store.ingest([
        ledgerEvent({ id: 'a', team: 'search', user: 'U1', costNanos: 5 }),
        ledgerEvent({ id: 'b', team: 'search', user: 'U2', costNanos: 7, model: 'gpt-4o-mini' }),
        ledgerEvent({ id: 'c', team: 'ads', user: 'U3', costNanos: 11, day: '2026-11-21' }),
        ledgerEvent({ id: 'd', costNanos: 13, day: '2026-11-25' }),
      ]);
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-21', by: 'team' });
      assert.deepEqual(
        rows.map((row) => [row.day, row.key, row.requests, row.costNanos, row.inputTokens, row.cacheReadTokens]),
        [
          ['2026-11-20', 'search', 2, 12, 2000, 400],
          ['2026-11-21', 'ads', 1, 11, 1000, 200],
        ],
      );
      const filtered = await store.spend({
        fromDay: '2026-11-01',
        toDay: '2026-11-30',
        by: 'model',
        filter: { dimension: 'team', values: ['search'] },
      });
      assert.deepEqual(
        filtered.map((row) => [row.key, row.costNanos]),
        [
          ['gpt-4o', 5],
          ['gpt-4o-mini', 7],
        ],
      );
      // The same question answered from the one-dimension roll-up agrees with the full one.
      const sameDimension = await store.spend({
        fromDay: '2026-11-01',
        toDay: '2026-11-30',
        by: 'team',
        filter: { dimension: 'team', values: ['search', 'ads'] },
      });
      assert.deepEqual(
        sameDimension.map((row) => [row.day, row.key, row.costNanos]),
        [
          ['2026-11-20', 'search', 12],
          ['2026-11-21', 'ads', 11],
        ],
      );
      const unattributed = await store.spend({ fromDay: '2026-11-25', toDay: '2026-11-25', by: 'user' });
      assert.deepEqual(
        unattributed.map((row) => [row.key, row.costNanos]),
        [['', 13]],
      );
    });

    it('counts a retried batch once, including ids repeated within a batch', async () => {
      const batch = [ledgerEvent({ id: 'x', costNanos: 3 }), ledgerEvent({ id: 'y', costNanos: 4 })];
      assert.deepEqual(await store.ingest(batch), { inserted: 2, duplicates: 0 });
      assert.deepEqual(
        await store.ingest([...batch, ledgerEvent({ id: 'z', costNanos: 5 }), ledgerEvent({ id: 'z', costNanos: 5 })]),
        { inserted: 1, duplicates: 3 },
      );
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
      assert.equal(rows[0]!.costNanos, 12);
      assert.equal(rows[0]!.requests, 3);
    });

    it('counts an event once when it comes again with another time, even in another month', async () => {
      assert.deepEqual(await store.ingest([ledgerEvent({ id: 'x', costNanos: 3 })]), { inserted: 1, duplicates: 0 });
      const december = { time: Date.UTC(2026, 11, 2, 12), day: '2026-12-02' };
      assert.deepEqual(
        await store.ingest([
          ledgerEvent({ id: 'x', costNanos: 3, ...december }),
          ledgerEvent({ id: 'w', costNanos: 4, ...december }),
          ledgerEvent({ id: 'w', costNanos: 4, time: Date.UTC(2026, 11, 3, 12), day: '2026-12-03' }),
        ]),
        { inserted: 1, duplicates: 2 },
      );
      const rows = await store.spend({ fromDay: '2026-11-01', toDay: '2026-12-31', by: 'team' });
      assert.equal(
        rows.reduce((sum, row) => sum + row.requests, 0),
        2,
      );
      assert.equal(
        rows.reduce((sum, row) => sum + row.costNanos, 0),
        7,
      );
    });

    it('moves a pull cursor with its events, and keeps both across a restart', async () => {
      assert.equal(await store.cursor('openai'), undefined);
      await store.ingest([ledgerEvent({ id: 'p1', source: 'openai' })], { source: 'openai', value: '1763596800' });
      await store.close();
      store = await openStore(where);
      assert.equal(await store.cursor('openai'), '1763596800');
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'app' });
      assert.equal(rows[0]!.requests, 1);
    });

    it('moves a pull cursor past hours that had no usage, and past events it already holds', async () => {
      await store.ingest([], { source: 'openai', value: '1763596800' });
      assert.equal(await store.cursor('openai'), '1763596800');
      await store.ingest([ledgerEvent({ id: 'p1', source: 'openai' })]);
      await store.ingest([ledgerEvent({ id: 'p1', source: 'openai' })], { source: 'openai', value: '1763600400' });
      assert.equal(await store.cursor('openai'), '1763600400');
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'app' });
      assert.equal(rows[0]!.requests, 1);
    });

    it('sums spend per hour-long window and full attribution from the events’ own times', async () => {
      const at = (time: string) => Date.parse(time);
      await store.ingest([
        ledgerEvent({
          id: 'h1',
          time: at('2026-11-20T10:00:00Z'),
          team: 'search',
          user: 'U1',
          app: 'chat',
          costNanos: 5,
        }),
        ledgerEvent({
          id: 'h2',
          time: at('2026-11-20T10:59:59.999Z'),
          team: 'search',
          user: 'U1',
          app: 'chat',
          prompt: 'src/chat.ts#answer',
          costNanos: 7,
        }),
        ledgerEvent({
          id: 'h3',
          time: at('2026-11-20T10:30:00Z'),
          team: 'search',
          user: 'U2',
          model: 'gpt-4o-mini',
          costNanos: 11,
        }),
        ledgerEvent({ id: 'h4', time: at('2026-11-20T11:00:00Z'), team: 'ads', costNanos: 13 }),
        ledgerEvent({ id: 'h5', time: at('2026-11-20T11:45:00Z'), team: 'ads', costNanos: 17 }),
      ]);
      // A window may start anywhere: half past, as local hours do in UTC+5:30.
      const rows = await store.hourlySpend([
        at('2026-11-20T11:30:00Z'),
        at('2026-11-20T10:00:00Z'),
        at('2026-11-19T10:00:00Z'),
      ]);
      assert.deepEqual(
        rows.map((row) => [
          new Date(row.hour).toISOString().slice(11, 16),
          row.team,
          row.user,
          row.app,
          row.model,
          row.prompt,
          row.costNanos,
        ]),
        [
          ['10:00', 'search', 'U1', 'chat', 'gpt-4o', '', 5],
          ['10:00', 'search', 'U1', 'chat', 'gpt-4o', 'src/chat.ts#answer', 7],
          ['10:00', 'search', 'U2', '', 'gpt-4o-mini', '', 11],
          ['11:30', 'ads', '', '', 'gpt-4o', '', 17],
        ],
      );
      assert.deepEqual(await store.hourlySpend([]), []);
    });

    it('keeps large integer sums exact', async () => {
      const big = 4_000_000_000_000; // $4,000 in nanos, several times over 2^32
      await store.ingest([ledgerEvent({ id: 'b1', costNanos: big }), ledgerEvent({ id: 'b2', costNanos: big + 1 })]);
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
      assert.equal(rows[0]!.costNanos, 2 * big + 1);
    });

    it('counts overlapping batches from two instances at once exactly once', async () => {
      const other = await openStore(where);
      try {
        const batch = (from: number) =>
          Array.from({ length: 3000 }, (_, i) =>
            ledgerEvent({ id: `c${from + i}`, costNanos: 1, team: `t${(from + i) % 7}` }),
          );
        const results = await Promise.all([
          store.ingest(batch(0)),
          other.ingest(batch(1500)),
          store.ingest(batch(3000)),
          other.ingest(batch(0)),
        ]);
        assert.equal(
          results.reduce((sum, result) => sum + result.inserted, 0),
          6000,
        );
        const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
        assert.equal(
          rows.reduce((sum, row) => sum + row.costNanos, 0),
          6000,
        );
        assert.equal(
          rows.reduce((sum, row) => sum + row.requests, 0),
          6000,
        );
      } finally {
        await other.close();
      }
    });

    it('counts one id sent by two instances at once with two different times once', async () => {
      const other = await openStore(where);
      try {
        const december = { time: Date.UTC(2026, 11, 2, 12), day: '2026-12-02' };
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            i % 2 === 0
              ? store.ingest([ledgerEvent({ id: `race${i >> 1}`, costNanos: 1 })])
              : other.ingest([ledgerEvent({ id: `race${i >> 1}`, costNanos: 1, ...december })]),
          ),
        );
        assert.equal(
          results.reduce((sum, result) => sum + result.inserted, 0),
          10,
        );
        const rows = await store.spend({ fromDay: '2026-11-01', toDay: '2026-12-31', by: 'team' });
        assert.equal(
          rows.reduce((sum, row) => sum + row.requests, 0),
          10,
        );
      } finally {
        await other.close();
      }
    });

    it('stores names with quotes, backslashes, braces, commas, the word NULL and thousands of characters as they are', async () => {
      const long = ['x'.repeat(3_000), `${'a'.repeat(500)}${'é'.repeat(2_000)}`];
      const names = ['a"b', 'back\\slash', '{braced}', 'comma, here', 'NULL', '', 'ünï 🦊', 'café ☕', ...long];
      await store.ingest(names.map((team, i) => ledgerEvent({ id: `n${i}`, team, prompt: team, costNanos: i + 1 })));
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
      assert.deepEqual(
        rows.map((row) => [row.key, row.costNanos]).sort(([a], [b]) => String(a).localeCompare(String(b))),
        names.map((team, i) => [team, i + 1]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    });

    it('sums usage per prompt id, by prompt, by app and model, and by day; events without a prompt stay out', async () => {
      await store.ingest([
        ledgerEvent({ id: 'p1', prompt: 'src/triage.ts#triage', app: 'desk', costNanos: 5 }),
        ledgerEvent({ id: 'p2', prompt: 'src/triage.ts#triage', app: 'desk', costNanos: 7, model: 'gpt-4o-mini' }),
        ledgerEvent({ id: 'p3', prompt: 'src/triage.ts#triage', app: 'bot', costNanos: 11, day: '2026-11-21' }),
        ledgerEvent({ id: 'p4', prompt: 'summary', app: 'desk', costNanos: 30, outputTokens: 40 }),
        ledgerEvent({ id: 'p5', app: 'desk', costNanos: 1_000 }),
      ]);
      // A re-sent event counts once here too.
      await store.ingest([ledgerEvent({ id: 'p1', prompt: 'src/triage.ts#triage', app: 'desk', costNanos: 5 })]);
      const week = { fromDay: '2026-11-16', toDay: '2026-11-22' };
      const byPrompt = await store.promptUsage({ app: null, ...week });
      assert.deepEqual(
        byPrompt.map((row) => [
          row.prompt,
          row.requests,
          row.inputTokens,
          row.cacheReadTokens,
          row.outputTokens,
          row.costNanos,
        ]),
        [
          ['summary', 1, 1000, 200, 40, 30],
          ['src/triage.ts#triage', 3, 3000, 600, 300, 23],
        ],
      );
      assert.deepEqual(
        (await store.promptUsage({ app: 'desk', ...week })).map((row) => [row.prompt, row.costNanos]),
        [
          ['summary', 30],
          ['src/triage.ts#triage', 12],
        ],
      );
      assert.deepEqual(
        (await store.promptUsage({ app: null, prompt: 'src/triage.ts#triage', ...week, by: 'app-model' })).map(
          (row) => [row.app, row.provider, row.model, row.requests, row.costNanos],
        ),
        [
          ['bot', 'openai', 'gpt-4o', 1, 11],
          ['desk', 'openai', 'gpt-4o-mini', 1, 7],
          ['desk', 'openai', 'gpt-4o', 1, 5],
        ],
      );
      assert.deepEqual(
        (await store.promptUsage({ app: null, prompt: 'src/triage.ts#triage', ...week, by: 'day' })).map((row) => [
          row.day,
          row.requests,
        ]),
        [
          ['2026-11-20', 2],
          ['2026-11-21', 1],
        ],
      );
      assert.deepEqual(
        await store.promptUsage({ app: null, fromDay: '2026-11-21', toDay: '2026-11-21', prompt: 'summary' }),
        [],
      );
      assert.deepEqual(await store.promptUsage({ app: 'nowhere', ...week }), []);
    });

    it('adds the prompt dimension to a database made before it, keeping its events and roll-ups', async () => {
      // A database as the previous release left it: migrations 1–4 and an event stored by it.
      const before = migrations.filter((migration) => migration.version <= 4);
      const old = Date.parse('2026-11-20T10:15:00Z');
      const insert = `INSERT INTO usage_daily_by (dimension, day, key, requests, input_tokens, cache_read_tokens,
        cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos) VALUES ('team', '2026-11-20', 'search', 1, 10, 0, 0, 1, 0, 9);
        INSERT INTO usage_events VALUES ('old', ${old}, '2026-11-20', 'api', 'openai', 'gpt-4o', 1, 10, 0, 0, 0, 1, 0, 9,
          'reported', 'U1', 'search', 'chat', '', '', '', '[]', 0)`;
      await store.close();
      if (where.kind === 'sqlite') {
        rmSync(where.file, { force: true });
        const db = new Database(where.file);
        db.exec(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
        );
        for (const migration of before) {
          db.exec(migration.sqlite);
          db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(migration.version, migration.name);
        }
        db.exec(insert);
        db.close();
      } else {
        where = { kind: 'postgres', url: await createTestDatabase() };
        const client = new pg.Client({ connectionString: where.url });
        await client.connect();
        await client.query(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
        );
        for (const migration of before) {
          await client.query(migration.postgres);
          await client.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [migration.version, migration.name]);
        }
        await client.query(insert);
        await client.end();
      }
      store = await openStore(where);
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
      assert.deepEqual(
        rows.map((row) => [row.key, row.costNanos]),
        [['search', 9]],
      );
      // The hourly roll-up is filled from the events stored before it; a re-sent event counts once, even at another time.
      assert.deepEqual(
        (await store.hourlySpend([Date.parse('2026-11-20T10:00:00Z')])).map((row) => [row.user, row.costNanos]),
        [['U1', 9]],
      );
      assert.deepEqual(
        await store.ingest([
          ledgerEvent({ id: 'old', time: old + 3_600_000, team: 'search', user: 'U1', app: 'chat', costNanos: 9 }),
        ]),
        { inserted: 0, duplicates: 1 },
      );
      await store.ingest([ledgerEvent({ id: 'm1', team: 'search', prompt: 'greet', costNanos: 1 })]);
      assert.deepEqual(
        (await store.promptUsage({ app: null, fromDay: '2026-11-20', toDay: '2026-11-20' })).map((row) => [
          row.prompt,
          row.costNanos,
        ]),
        [['greet', 1]],
      );
    });

    it('removes raw events past the retention, keeping the roll-ups and later events', async () => {
      const old = Date.parse('2025-01-15T10:40:00Z');
      // Far enough ahead that its month has no partition yet on PostgreSQL: maintenance makes it.
      const ahead = new Date(Date.now() + 400 * 86_400_000);
      const later = Date.UTC(ahead.getUTCFullYear(), ahead.getUTCMonth(), 10, 9, 20);
      await store.ingest([ledgerEvent({ id: 'r1', time: old, day: '2025-01-15', team: 'search', costNanos: 3 })]);
      await store.maintain(new Date(later), undefined);
      const recent = ledgerEvent({ id: 'r2', time: later, day: '2030-01-01', team: 'ads', costNanos: 4 });
      await store.ingest([recent]);
      await store.maintain(new Date(later), later - 30 * 86_400_000);
      // Windows off the whole hour are read from the raw events.
      assert.deepEqual(await store.hourlySpend([old - 10 * 60_000]), []);
      assert.deepEqual(
        (await store.hourlySpend([later - 10 * 60_000])).map((row) => [row.team, row.costNanos]),
        [['ads', 4]],
      );
      assert.deepEqual(
        (await store.hourlySpend([old - (old % 3_600_000)])).map((row) => [row.team, row.costNanos]),
        [['search', 3]],
      );
      assert.deepEqual(
        (await store.spend({ fromDay: '2025-01-15', toDay: '2025-01-15', by: 'team' })).map((row) => row.costNanos),
        [3],
      );
      assert.deepEqual(await store.ingest([recent]), { inserted: 0, duplicates: 1 });
      if (where.kind === 'postgres') {
        const client = new pg.Client({ connectionString: where.url });
        await client.connect();
        try {
          const month = `usage_events_${ahead.getUTCFullYear()}_${String(ahead.getUTCMonth() + 1).padStart(2, '0')}`;
          const placed = await client.query(
            "SELECT tableoid::regclass::text AS partition FROM usage_events WHERE id = 'r2'",
          );
          assert.equal(placed.rows[0].partition, month);
          const names = await client.query(
            "SELECT relname FROM pg_inherits JOIN pg_class ON pg_class.oid = inhrelid WHERE inhparent = 'usage_events'::regclass",
          );
          assert.ok(
            !names.rows.some((row) => row.relname === 'usage_events_before_partitioning'),
            'the partition wholly past the retention is dropped',
          );
          const ids = await client.query('SELECT id FROM usage_event_ids ORDER BY id');
          assert.deepEqual(
            ids.rows.map((row) => row.id),
            ['r2'],
            'the ids of removed events go with them',
          );
        } finally {
          await client.end();
        }
      }
    });

    it('admits and trips on a caller’s identity and fingerprint holding quotes, backslashes and markers, as given', async () => {
      const identity = "session:it's \\ a ; -- ? $1 '' test";
      const fingerprint = "f'?\\";
      const policy = parsePolicy(
        JSON.stringify({ guardrails: { breakers: [{ maxCalls: 1 }] } }),
        'tokenwise.config.json',
      );
      const rule = guardrailRules(policy.guardrails).breakers[0]!;
      const context = { session: identity.slice(8), user: "O'Brien", app: '', team: '', environment: '', model: '' };
      const call = { identity, tokens: 10, costNanos: 1, fingerprint, rules: [rule], context };
      const at = new Date('2026-11-23T10:00:00Z');
      assert.deepEqual(await store.admit({ at, steps: [], call }), { admitted: true });
      const second = await store.admit({ at: new Date(at.getTime() + 1_000), steps: [], call });
      assert.ok(!second.admitted && 'breaker' in second && second.tripped);
      const breaker = await store.breaker(identity);
      assert.equal(breaker?.identity, identity);
      assert.equal(breaker?.user, "O'Brien");
      assert.equal(breaker?.calls, 2);
      assert.equal(await store.breaker('session:other'), undefined);
    });

    it('counts a call in its rate limits only when its breaker lets it through', async () => {
      const policy = parsePolicy(
        JSON.stringify({ guardrails: { breakers: [{ maxCalls: 1, coolDownMinutes: 1 }] } }),
        'tokenwise.config.json',
      );
      const rule = guardrailRules(policy.guardrails).breakers[0]!;
      const context = { session: 'loop', user: 'U1', app: '', team: '', environment: '', model: '' };
      const call = { identity: 'session:loop', tokens: 10, costNanos: 1, fingerprint: '', rules: [rule], context };
      const at = Date.parse('2026-11-23T10:00:00Z');
      const steps = [
        {
          rule: 'user-rpm',
          subject: 'user:U1',
          windowStart: at,
          windowEnd: at + 60_000,
          rpm: 3,
          tpm: null,
          tokens: 10,
        },
      ];
      const admit = (second: number, withCall: boolean) =>
        store.admit({ at: new Date(at + second * 1_000), steps, call: withCall ? call : undefined });
      assert.deepEqual(await admit(1, true), { admitted: true });
      const tripped = await admit(2, true);
      assert.ok(!tripped.admitted && 'breaker' in tripped && tripped.tripped, 'the second call trips the breaker');
      const blocked = await admit(3, true);
      assert.ok(!blocked.admitted && 'breaker' in blocked && !blocked.tripped, 'and the third finds it tripped');
      // Neither the tripping call nor the blocked one counted: the limit of three has room for two more.
      assert.deepEqual(await admit(4, false), { admitted: true });
      assert.deepEqual(await admit(5, false), { admitted: true });
      assert.deepEqual(await admit(6, false), { admitted: false, full: steps });
      assert.equal((await store.breaker('session:loop'))?.calls, 2, 'the tripping call is kept in the window');
    });

    it('reads budgets, grants, each subject’s and the organisation’s daily use and a breaker in one snapshot', async () => {
      const at = new Date('2026-11-22T12:00:00Z');
      await store.ingest([
        ledgerEvent({ id: 'q1', team: 'search', user: 'U1', costNanos: 5, inputTokens: 10, outputTokens: 2 }),
        ledgerEvent({ id: 'q2', team: 'ads', user: 'U2', costNanos: 7, day: '2026-11-21' }),
        ledgerEvent({ id: 'q3', team: 'search', user: 'U1', costNanos: 9, day: '2026-10-31' }),
      ]);
      await store.setBudget(
        {
          scope: 'team',
          subject: 'search',
          unit: 'usd',
          period: 'month',
          limit: 100,
          thresholds: [80],
          hardCapPercent: null,
        },
        'U0',
        at,
      );
      const snapshot = await store.quotaSnapshot({
        at,
        fromDay: '2026-11-01',
        toDay: '2026-11-30',
        subjects: [
          { dimension: 'team', key: 'search' },
          { dimension: 'user', key: 'U2' },
        ],
        breaker: 'session:none',
      });
      assert.deepEqual(
        snapshot.budgets.map((budget) => [budget.scope, budget.subject, budget.limit]),
        [['team', 'search', 100]],
      );
      assert.deepEqual(snapshot.grants, []);
      assert.equal(snapshot.breaker, undefined);
      const use = snapshot.use
        .map((row) => [row.dimension, row.key, row.day, row.costNanos, row.tokens])
        .sort((a, b) => String(a).localeCompare(String(b)));
      assert.deepEqual(use, [
        ['organization', '', '2026-11-20', 5, 12],
        ['organization', '', '2026-11-21', 7, 1100],
        ['team', 'search', '2026-11-20', 5, 12],
        ['user', 'U2', '2026-11-21', 7, 1100],
      ]);
    });

    if (name === 'PostgreSQL')
      it('keeps admitting and ingesting when another instance’s migration adds columns (a rolling upgrade)', async () => {
        const policy = parsePolicy(
          JSON.stringify({ guardrails: { breakers: [{ maxCalls: 1 }] } }),
          'tokenwise.config.json',
        );
        const rule = guardrailRules(policy.guardrails).breakers[0]!;
        const at = Date.parse('2026-11-23T10:00:00Z');
        // Two calls trip a session's breaker; the second reads the breaker it tripped.
        const trip = async (session: string) => {
          const context = { session, user: 'U1', app: '', team: '', environment: '', model: '' };
          const call = {
            identity: `session:${session}`,
            tokens: 10,
            costNanos: 1,
            fingerprint: '',
            rules: [rule],
            context,
          };
          assert.deepEqual(await store.admit({ at: new Date(at), steps: [], call }), { admitted: true });
          const tripped = await store.admit({ at: new Date(at + 1_000), steps: [], call });
          assert.ok(!tripped.admitted && 'breaker' in tripped && tripped.tripped && tripped.breaker.calls === 2);
        };
        const snapshot = (session: string) =>
          store.quotaSnapshot({
            at: new Date(at),
            fromDay: '2026-11-01',
            toDay: '2026-11-30',
            subjects: [{ dimension: 'team', key: 'search' }],
            breaker: `session:${session}`,
          });
        // Each statement runs (and is prepared) on the connection before the columns arrive, and again after.
        await store.ingest([ledgerEvent({ id: 'u1', team: 'search' })]);
        await trip('before');
        await snapshot('before');
        const client = new pg.Client({ connectionString: (where as Extract<StoreLocation, { kind: 'postgres' }>).url });
        await client.connect();
        try {
          for (const table of ['breakers', 'breaker_calls', 'budgets', 'grants', 'usage_events', 'usage_daily_by'])
            await client.query(`ALTER TABLE ${table} ADD COLUMN added_later TEXT`);
        } finally {
          await client.end();
        }
        await store.ingest([ledgerEvent({ id: 'u2', team: 'search' })]);
        await trip('after');
        assert.equal((await snapshot('after')).breaker?.calls, 2);
      });

    if (name === 'PostgreSQL')
      it('refuses to prepare a statement whose result is *, which a rolling upgrade would break', () => {
        for (const text of [
          'SELECT * FROM breakers',
          ' select b.* FROM budgets AS b',
          'DELETE FROM grants RETURNING *',
        ])
          assert.throws(() => prepared(text, []), /must name its result columns/);
        assert.equal(prepared('SELECT count(*) FROM grants', []).text, 'SELECT count(*) FROM grants');
      });

    it('applies migrations once, however often it is opened', async () => {
      const again = await openStore(where);
      await again.close();
    });

    if (name === 'PostgreSQL')
      it('keeps room on the roll-ups’ pages for the rows each batch adds to', async () => {
        const rollups = ['usage_daily', 'usage_daily_by', 'usage_daily_prompt', 'usage_hourly'];
        const client = new pg.Client({ connectionString: (where as Extract<StoreLocation, { kind: 'postgres' }>).url });
        await client.connect();
        try {
          const tables = await client.query(
            'SELECT relname, reloptions FROM pg_class WHERE relname = ANY ($1) ORDER BY relname',
            [rollups],
          );
          assert.deepEqual(
            tables.rows.map((row) => [row.relname, row.reloptions]),
            rollups.map((table) => [table, ['fillfactor=30']]),
          );
        } finally {
          await client.end();
        }
      });

    it('admits a Slack signature once until it expires, across instances and a restart', async () => {
      const now = new Date('2026-11-22T12:00:00Z');
      const until = new Date(now.getTime() + 360_000);
      const other = await openStore(where);
      try {
        const admitted = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).admitSignature('v0=abc', now, until)),
        );
        assert.equal(admitted.filter(Boolean).length, 1);
      } finally {
        await other.close();
      }
      await store.close();
      store = await openStore(where);
      assert.equal(await store.admitSignature('v0=abc', new Date(until.getTime() - 1), until), false);
      assert.equal(await store.admitSignature('v0=def', now, until), true);
      assert.equal(
        await store.admitSignature('v0=abc', until, new Date(until.getTime() + 360_000)),
        true,
        'an expired one is purged',
      );
    });

    describe('budgets, quota requests and grants', () => {
      const at = new Date('2026-11-22T12:00:00Z');
      const request = (fields: Partial<NewQuotaRequest> = {}): NewQuotaRequest => ({
        team: 'search',
        requester: 'U100',
        unit: 'usd',
        amount: 50_000_000_000,
        until: null,
        expiresAt: null,
        reason: 'launch week',
        at,
        ...fields,
      });

      it('sets, replaces and lists budgets, each change in the audit trail', async () => {
        await store.setBudget(
          {
            scope: 'team',
            subject: 'search',
            unit: 'usd',
            period: 'month',
            limit: 100_000_000_000,
            thresholds: [50, 80, 100],
            hardCapPercent: 100,
          },
          'UADMIN',
          at,
        );
        await store.setBudget(
          {
            scope: 'user',
            subject: 'U100',
            unit: 'tokens',
            period: 'day',
            limit: 2_000_000,
            thresholds: [80],
            hardCapPercent: null,
          },
          'UADMIN',
          at,
        );
        await store.setBudget(
          {
            scope: 'team',
            subject: 'search',
            unit: 'usd',
            period: 'week',
            limit: 30_000_000_000,
            thresholds: [90],
            hardCapPercent: 120.5,
          },
          'UADMIN2',
          at,
        );
        const budgets = await store.budgets();
        assert.deepEqual(
          budgets.map((b) => [b.scope, b.subject, b.unit, b.period, b.limit, b.thresholds, b.hardCapPercent, b.setBy]),
          [
            ['team', 'search', 'usd', 'week', 30_000_000_000, [90], 120.5, 'UADMIN2'],
            ['user', 'U100', 'tokens', 'day', 2_000_000, [80], null, 'UADMIN'],
          ],
        );
        const trail = await store.auditTrail();
        assert.deepEqual(
          trail.map((entry) => [entry.action, entry.actor, entry.subject, entry.amount, entry.period]),
          [
            ['budget-set', 'UADMIN', 'search', 100_000_000_000, 'month'],
            ['budget-set', 'UADMIN', 'U100', 2_000_000, 'day'],
            ['budget-set', 'UADMIN2', 'search', 30_000_000_000, 'week'],
          ],
        );
      });

      it('decides a request once: twenty concurrent deciders on two instances give one decision and one grant', async () => {
        const created = await store.createQuotaRequest(request());
        assert.equal(created.status, 'pending');
        const other = await openStore(where);
        try {
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              (i % 2 ? other : store).decideQuotaRequest({
                action: 'approve',
                requestId: created.id,
                by: `U9${String(i).padStart(2, '0')}`,
                at,
              }),
            ),
          );
          const winners = results.filter((result) => result.decided);
          assert.equal(winners.length, 1);
          const winner = winners[0]!;
          assert.ok(winner.decided && winner.grant);
          assert.equal(winner.grant.amount, 50_000_000_000);
          for (const loser of results.filter((result) => !result.decided))
            assert.equal(loser.request?.decidedBy, winner.request.decidedBy);
          assert.equal((await store.grantsInForce(at)).length, 1);
          const trail = await store.auditTrail({ team: 'search' });
          assert.deepEqual(
            trail.map((entry) => entry.action),
            ['requested', 'approved'],
          );
          const stored = await other.quotaRequest(created.id);
          assert.equal(stored?.status, 'approved');
          assert.equal(stored?.grantedAmount, 50_000_000_000);
        } finally {
          await other.close();
        }
      });

      it('denies with a reason and adjusts to another amount; a decided request cannot be decided again', async () => {
        const denied = await store.createQuotaRequest(request({ reason: 'more tests' }));
        const denial = await store.decideQuotaRequest({
          action: 'deny',
          requestId: denied.id,
          by: 'U900',
          at,
          reason: 'use the batch API',
        });
        assert.ok(denial.decided);
        assert.equal(denial.grant, null);
        assert.equal(denial.request.status, 'denied');
        assert.equal(denial.request.decisionReason, 'use the batch API');
        const again = await store.decideQuotaRequest({ action: 'approve', requestId: denied.id, by: 'U901', at });
        assert.equal(again.decided, false);
        assert.equal(again.request?.status, 'denied');

        const adjusted = await store.createQuotaRequest(request({ team: 'ads', amount: 5_000_000, unit: 'tokens' }));
        const adjustment = await store.decideQuotaRequest({
          action: 'adjust',
          requestId: adjusted.id,
          by: 'U900',
          at,
          amount: 2_000_000,
          reason: 'half for now',
        });
        assert.ok(adjustment.decided);
        assert.equal(adjustment.request.status, 'adjusted');
        assert.equal(adjustment.grant?.amount, 2_000_000);
        assert.deepEqual(
          (await store.grantsInForce(at, { scope: 'team', subject: 'ads', unit: 'tokens' })).map((g) => g.amount),
          [2_000_000],
        );
        assert.deepEqual(await store.grantsInForce(at, { subject: 'search' }), []);
        assert.equal(
          (await store.decideQuotaRequest({ action: 'approve', requestId: 'no-such-request', by: 'U900', at })).request,
          undefined,
        );
        assert.deepEqual(
          (await store.auditTrail()).map((entry) => [entry.action, entry.amount, entry.reason]),
          [
            ['requested', 50_000_000_000, 'more tests'],
            ['denied', null, 'use the batch API'],
            ['requested', 5_000_000, 'launch week'],
            ['adjusted', 2_000_000, 'half for now'],
          ],
        );
      });

      it('lets a temporary grant stop counting at its expiry, with nothing to run', async () => {
        const expiresAt = new Date('2026-11-30T23:00:00Z');
        const temporary = await store.createQuotaRequest(request({ until: '2026-11-30', expiresAt }));
        const permanent = await store.createQuotaRequest(request({ amount: 1_000 }));
        await store.decideQuotaRequest({ action: 'approve', requestId: temporary.id, by: 'U900', at });
        await store.decideQuotaRequest({
          action: 'approve',
          requestId: permanent.id,
          by: 'U900',
          at: new Date(at.getTime() + 1),
        });
        const amounts = async (when: Date) =>
          (await store.grantsInForce(when, { subject: 'search' })).map((grant) => grant.amount);
        assert.deepEqual(await amounts(new Date(at.getTime() - 1)), []);
        assert.deepEqual(await amounts(new Date(expiresAt.getTime() - 1)), [50_000_000_000, 1_000]);
        assert.deepEqual(await amounts(expiresAt), [1_000]);
        const [grant] = await store.grantsInForce(at, { subject: 'search' });
        assert.equal(grant?.expiresAt?.getTime(), expiresAt.getTime());
        assert.equal((await store.quotaRequest(temporary.id))?.until, '2026-11-30');
      });

      it('lists requests per team, requester and status, newest first, and keeps cards per request', async () => {
        const first = await store.createQuotaRequest(request({ at: new Date(at.getTime() - 2000) }));
        const second = await store.createQuotaRequest(
          request({ requester: 'U200', at: new Date(at.getTime() - 1000) }),
        );
        const third = await store.createQuotaRequest(request({ team: 'ads' }));
        await store.decideQuotaRequest({ action: 'approve', requestId: first.id, by: 'U900', at });
        assert.deepEqual(
          (await store.quotaRequests({ team: 'search' })).map((r) => r.id),
          [second.id, first.id],
        );
        assert.deepEqual(
          (await store.quotaRequests({ requester: 'U100', status: 'pending' })).map((r) => r.id),
          [third.id],
        );
        assert.deepEqual(
          (await store.quotaRequests({ limit: 1 })).map((r) => r.id),
          [third.id],
        );
        await store.addRequestCard(second.id, 'D900', '1.000100');
        await store.addRequestCard(second.id, 'C777', '1.000200');
        await store.addRequestCard(second.id, 'C777', '1.000200');
        assert.deepEqual(await store.requestCards(second.id), [
          { channel: 'C777', ts: '1.000200' },
          { channel: 'D900', ts: '1.000100' },
        ]);
        assert.deepEqual(await store.requestCards(first.id), []);
      });

      it('claims an alert key once, across instances and a restart, until it is released', async () => {
        const key = 'team:search:usd:2026-11:80';
        const other = await openStore(where);
        try {
          const claims = await Promise.all(
            Array.from({ length: 10 }, (_, i) => (i % 2 ? other : store).claimAlert(key, at)),
          );
          assert.equal(claims.filter(Boolean).length, 1);
        } finally {
          await other.close();
        }
        await store.close();
        store = await openStore(where);
        assert.equal(await store.claimAlert(key, at), false);
        assert.equal(await store.claimAlert('team:search:usd:2026-12:80', at), true);
        await store.releaseAlert(key);
        assert.equal(await store.claimAlert(key, at), true, 'a released key can be claimed again');
        assert.equal(await store.claimAlert(key, at), false);
      });
    });
  });
}
