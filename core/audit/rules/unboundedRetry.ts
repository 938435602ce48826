// An LLM call inside a retry loop with no attempt limit re-sends the whole prompt on every failure: an outage or a
// validation that never passes becomes an unbounded bill.
import type { Rule } from '../types';

export const unboundedRetry: Rule = {
  id: 'unbounded-retry',
  defaultSeverity: 'warning',
  summary: 'An LLM call inside a retry loop with no attempt limit',
  waste: false,
  check(context) {
    const retry = context.prompt.callSite?.retry;
    if (!retry || retry.bounded) return [];
    return [
      {
        message:
          `This call retries with no attempt limit: each attempt re-sends all ${context.promptTokens.toLocaleString('en-US')} prompt tokens. ` +
          'Cap the attempts (and back off) so a persistent failure cannot run up the bill.',
        range: retry.range,
        tokens: context.promptTokens,
        costPerMonth: context.monthlyCostOf(context.promptTokens),
      },
    ];
  },
};
