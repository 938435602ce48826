import { strict as assert } from 'node:assert';
import {
  MAX_EVENT_COST_NANOS,
  MAX_EVENT_TOKENS,
  parseUsageBatch,
  uncachedInputTokens,
  usageEventSchema,
} from '../../../core';

const valid = {
  id: 'evt-1',
  time: '2026-11-22T10:15:00Z',
  provider: 'OpenAI',
  model: 'gpt-4o',
  inputTokens: 1200,
  cacheReadTokens: 1000,
  outputTokens: 300,
  team: 'search',
};

describe('usage event', () => {
  it('bounds each count and the cost to what one event can be, naming the field', () => {
    assert.equal(MAX_EVENT_TOKENS, 1e10);
    assert.equal(MAX_EVENT_COST_NANOS, 1e15);
    assert.ok(
      usageEventSchema.safeParse({
        ...valid,
        inputTokens: MAX_EVENT_TOKENS,
        outputTokens: MAX_EVENT_TOKENS,
        costNanos: MAX_EVENT_COST_NANOS,
      }).success,
    );
    const over = parseUsageBatch([
      {
        ...valid,
        inputTokens: MAX_EVENT_TOKENS + 1,
        outputTokens: 1e12,
        requests: 1e11,
        costNanos: MAX_EVENT_COST_NANOS + 1,
      },
    ]);
    assert.ok(!over.ok);
    assert.deepEqual(
      over.errors.map((error) => `${error.field}: ${error.message}`),
      [
        'inputTokens: must be at most 10,000,000,000 in one event',
        'outputTokens: must be at most 10,000,000,000 in one event',
        'requests: must be at most 10,000,000,000 in one event',
        'costNanos: must be at most 1,000,000,000,000,000 ($1,000,000) in one event',
      ],
    );
  });

  it('normalises a valid event and fills defaults', () => {
    const event = usageEventSchema.parse(valid);
    assert.equal(event.time, Date.UTC(2026, 10, 22, 10, 15));
    assert.equal(event.provider, 'openai');
    assert.equal(event.cacheWriteTokens, 0);
    assert.deepEqual(event.tags, []);
    assert.equal(uncachedInputTokens(event), 200);
  });

  it('names the row and the field of every problem in a batch', () => {
    const result = parseUsageBatch([
      valid,
      { ...valid, id: 'evt-2', inputTokens: -1 },
      { ...valid, id: 'evt-3', time: 'yesterday', extra: 1 },
    ]);
    assert.equal(result.ok, false);
    if (result.ok) return;
    const fields = result.errors.map((error) => `${error.row}:${error.field}`).sort();
    assert.deepEqual(fields, ['1:inputTokens', '2:', '2:time']);
    assert.ok(result.errors.find((error) => error.row === 2 && error.field === '')!.message.includes('extra'));
  });

  it('keeps a prompt id as the audit prints it and refuses one that could forge or hide text', () => {
    assert.equal(
      usageEventSchema.parse({ ...valid, prompt: ' src/triage.ts#triageTicket ' }).prompt,
      'src/triage.ts#triageTicket',
    );
    const result = parseUsageBatch([
      { ...valid, id: 'long', prompt: 'p'.repeat(513) },
      { ...valid, id: 'control', prompt: 'src/a.ts#x\u001b[2J' },
      { ...valid, id: 'bidi', prompt: 'src/a.ts#\u202egnp.exe' },
      { ...valid, id: 'isolate', prompt: 'src/a.ts#x\u2066y' },
      { ...valid, id: 'invisible', prompt: 'src/a.ts#x\u200by' },
      { ...valid, id: 'bom', prompt: 'src/a.ts#x\ufeffy' },
    ]);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.errors.map((error) => `${error.row}:${error.field}: ${error.message}`),
      [
        '0:prompt: must be at most 512 characters',
        '1:prompt: must not contain control characters',
        ...[2, 3, 4, 5].map(
          (row) =>
            `${row}:prompt: must not contain invisible or text-direction characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF)`,
        ),
      ],
    );
  });

  it('rejects token counts that contradict each other', () => {
    const result = parseUsageBatch([
      { ...valid, cacheReadTokens: 2000 },
      { ...valid, id: 'b', reasoningTokens: 301 },
    ]);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.errors.map((error) => `${error.row}:${error.field}`),
      ['0:inputTokens', '1:reasoningTokens'],
    );
  });

  it('accepts a repeated id in one batch (it counts once when stored)', () => {
    const result = parseUsageBatch([valid, valid]);
    assert.equal(result.ok, true);
  });
});
