// One suite, two stores: SQLite and a real PostgreSQL server must give the same answers.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type StoreLocation } from '../../slackbot/store';
import type { Store } from '../../slackbot/store/store';
import { ledgerEvent } from './support/ledger';
import { createTestDatabase } from './support/postgres';

const kinds: Array<{ name: string; location: () => Promise<StoreLocation> }> = [
  { name: 'SQLite', location: async () => ({ kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'tokenwise-store-')), 'ledger.db') }) },
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
      const filtered = await store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'model', filter: { dimension: 'team', values: ['search'] } });
      assert.deepEqual(filtered.map((row) => [row.key, row.costNanos]), [['gpt-4o', 5], ['gpt-4o-mini', 7]]);
      // The same question answered from the one-dimension roll-up agrees with the full one.
      const sameDimension = await store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team', filter: { dimension: 'team', values: ['search', 'ads'] } });
      assert.deepEqual(sameDimension.map((row) => [row.day, row.key, row.costNanos]), [['2026-11-20', 'search', 12], ['2026-11-21', 'ads', 11]]);
      const unattributed = await store.spend({ fromDay: '2026-11-25', toDay: '2026-11-25', by: 'user' });
      assert.deepEqual(unattributed.map((row) => [row.key, row.costNanos]), [['', 13]]);
    });

    it('counts a retried batch once, including ids repeated within a batch', async () => {
      const batch = [ledgerEvent({ id: 'x', costNanos: 3 }), ledgerEvent({ id: 'y', costNanos: 4 })];
      assert.deepEqual(await store.ingest(batch), { inserted: 2, duplicates: 0 });
      assert.deepEqual(await store.ingest([...batch, ledgerEvent({ id: 'z', costNanos: 5 }), ledgerEvent({ id: 'z', costNanos: 5 })]), { inserted: 1, duplicates: 3 });
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
      assert.equal(rows[0]!.costNanos, 12);
      assert.equal(rows[0]!.requests, 3);
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

    it('keeps large integer sums exact', async () => {
      const big = 4_000_000_000_000; // $4,000 in nanos, several times over 2^32
      await store.ingest([ledgerEvent({ id: 'b1', costNanos: big }), ledgerEvent({ id: 'b2', costNanos: big + 1 })]);
      const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
      assert.equal(rows[0]!.costNanos, 2 * big + 1);
    });

    it('counts overlapping batches from two instances at once exactly once', async () => {
      const other = await openStore(where);
      try {
        const batch = (from: number) => Array.from({ length: 3000 }, (_, i) => ledgerEvent({ id: `c${from + i}`, costNanos: 1, team: `t${(from + i) % 7}` }));
        const results = await Promise.all([store.ingest(batch(0)), other.ingest(batch(1500)), store.ingest(batch(3000)), other.ingest(batch(0))]);
        assert.equal(results.reduce((sum, result) => sum + result.inserted, 0), 6000);
        const rows = await store.spend({ fromDay: '2026-11-20', toDay: '2026-11-20', by: 'team' });
        assert.equal(rows.reduce((sum, row) => sum + row.costNanos, 0), 6000);
        assert.equal(rows.reduce((sum, row) => sum + row.requests, 0), 6000);
      } finally {
        await other.close();
      }
    });

    it('applies migrations once, however often it is opened', async () => {
      const again = await openStore(where);
      await again.close();
    });
  });
}
