import { strict as assert } from 'node:assert';
import { periodContaining, usageEventSchema } from '../../core';
import { localDay, toLedgerEvent } from '../../slackbot/ledger';

const event = (fields: Record<string, unknown>) =>
  usageEventSchema.parse({
    id: 'e',
    time: '2026-11-21T23:30:00Z',
    provider: 'openai',
    model: 'gpt-4o',
    inputTokens: 1000,
    outputTokens: 100,
    ...fields,
  });

describe('ledger events', () => {
  it('count on the organisation-local day, across offsets and DST changes', () => {
    assert.equal(localDay(Date.parse('2026-11-21T23:30:00Z'), 'Europe/Berlin'), '2026-11-22');
    assert.equal(localDay(Date.parse('2026-11-21T23:30:00Z'), 'America/Los_Angeles'), '2026-11-21');
    // Kathmandu is UTC+5:45: its midnight falls at 18:15 UTC.
    assert.equal(localDay(Date.parse('2026-11-21T18:14:59Z'), 'Asia/Kathmandu'), '2026-11-21');
    assert.equal(localDay(Date.parse('2026-11-21T18:15:00Z'), 'Asia/Kathmandu'), '2026-11-22');
    // The night Berlin leaves summer time, 00:30 local is still 22:30 UTC the day before.
    assert.equal(localDay(Date.parse('2026-10-24T22:30:00Z'), 'Europe/Berlin'), '2026-10-25');
  });

  it('gives every instant its calendar day around clock changes, whichever part of a day is asked first', () => {
    const zones = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns'];
    for (const [from, to] of [
      ['2026-03-26T00:00:00Z', '2026-04-07T00:00:00Z'],
      ['2026-10-22T00:00:00Z', '2026-11-03T00:00:00Z'],
    ]) {
      const times: number[] = [];
      // Every 7 minutes: instants inside quarter-hours as well as on their edges.
      for (let time = Date.parse(from!); time < Date.parse(to!); time += 7 * 60_000) times.push(time);
      for (const [index, zone] of zones.entries()) {
        // Half the zones are asked from the end, so days are first met at their last quarter-hour.
        for (const time of index % 2 ? [...times].reverse() : times) {
          assert.equal(
            localDay(time, zone),
            periodContaining(new Date(time), 'day', zone).key,
            `${new Date(time).toISOString()} in ${zone}`,
          );
        }
      }
    }
  });

  it('keeps a reported cost, prices a known model, and marks an unknown one unpriced', () => {
    assert.deepEqual(
      (({ costNanos, costSource }) => ({ costNanos, costSource }))(
        toLedgerEvent(event({ costNanos: 42 }), { source: 'api', timeZone: 'UTC' }),
      ),
      { costNanos: 42, costSource: 'reported' },
    );
    const priced = toLedgerEvent(event({}), { source: 'api', timeZone: 'UTC' });
    assert.equal(priced.costSource, 'priced');
    assert.ok(priced.costNanos > 0 && Number.isInteger(priced.costNanos));
    const unknown = toLedgerEvent(event({ model: 'house-model-7', provider: 'self' }), {
      source: 'api',
      timeZone: 'UTC',
    });
    assert.deepEqual([unknown.costSource, unknown.costNanos], ['unpriced', 0]);
  });

  it('prices a model from the policy’s custom prices', () => {
    const custom = toLedgerEvent(event({ model: 'house-model-7', provider: 'custom' }), {
      source: 'api',
      timeZone: 'UTC',
      customModels: { 'house-model-7': { inputPerMTok: 1, outputPerMTok: 2 } },
    });
    assert.equal(custom.costSource, 'priced');
    assert.equal(custom.costNanos, 1000 * 1000 + 100 * 2000);
  });
});
