// The prompt at its estimated size plus the expected reply must fit the target model's context window; past 80 %
// of it, growth in any variable turns into failed calls (or silently truncated input on some hosts).
import type { Rule } from '../types';

/** Share of the context window from which the prompt is a risk rather than a certainty. */
export const overflowWarningShare = 0.8;

export const contextOverflowRisk: Rule = {
  id: 'context-overflow-risk',
  defaultSeverity: 'warning',
  summary: 'The prompt and its expected reply come close to, or exceed, the model’s context window',
  waste: false,
  check(context) {
    const window = context.modelInfo?.contextWindow;
    if (!window) return [];
    const needed = context.promptTokens + context.outputTokens;
    if (needed < window * overflowWarningShare) return [];
    const over = needed > window;
    const share = Math.round((needed / window) * 100);
    return [
      {
        severity: over ? 'error' : 'warning',
        message:
          `At its estimated size the prompt (${context.promptTokens.toLocaleString('en-US')} tokens) plus the reply ` +
          `(${context.outputTokens.toLocaleString('en-US')}) needs ${share} % of ${context.model}'s ${window.toLocaleString('en-US')}-token context window` +
          (over
            ? ': calls will fail.'
            : '; any growth in its variables will make calls fail. Cap the variable parts or use a larger-context model.'),
        range: context.prompt.range,
        tokens: needed,
      },
    ];
  },
};
