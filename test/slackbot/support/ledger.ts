// Ledger events for tests, complete with defaults, so each test states only what it is about.
import type { LedgerEvent } from '../../../slackbot/store/store';

export function ledgerEvent(overrides: Partial<LedgerEvent> & { id: string }): LedgerEvent {
  return {
    time: Date.UTC(2026, 10, 20, 12),
    day: '2026-11-20',
    source: 'api',
    provider: 'openai',
    model: 'gpt-4o',
    requests: 1,
    inputTokens: 1000,
    cacheReadTokens: 200,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    outputTokens: 100,
    reasoningTokens: 0,
    costNanos: 1_000_000,
    costSource: 'reported',
    tags: [],
    ...overrides,
  };
}
