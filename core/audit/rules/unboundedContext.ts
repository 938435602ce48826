// History, documents or retrieved context interpolated whole: the prompt grows with every turn or upload until it
// hits the context window, and the bill grows with it. The fix is a cap (last N turns, top-k chunks, a token budget).
import { variableTokens } from '../../estimate';
import type { Rule } from '../types';

export const unboundedContext: Rule = {
  id: 'unbounded-context',
  defaultSeverity: 'warning',
  summary: 'Chat history, documents or context interpolated with no truncation',
  waste: false,
  check(context) {
    return context.parts.flatMap((view) =>
      view.part.variables
        .filter((variable) => variable.unbounded)
        .map((variable) => {
          const tokens = variableTokens(variable, context.count);
          const window = context.modelInfo?.contextWindow;
          const ceiling = window
            ? `; nothing stops it before ${context.model}'s ${window.toLocaleString('en-US')}-token context window`
            : '';
          return {
            message:
              `\`${variable.name}\` is interpolated with no truncation: it grows with use (≈ ${tokens.toLocaleString('en-US')} tokens assumed${ceiling}). ` +
              'Cap it: keep the last N turns, the top-k chunks, or a token budget.',
            range: variable.range,
            tokens,
            costPerMonth: context.monthlyCostOf(tokens),
          };
        }),
    );
  },
};
