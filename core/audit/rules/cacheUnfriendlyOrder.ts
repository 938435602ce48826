// Providers cache a prompt's longest unchanged prefix (OpenAI and Anthropic from 1,024 tokens) and bill it at a
// fraction of the input price. A variable placed before a long static block changes the prefix on every call, so
// the static block is never cached; moving the dynamic part after it restores the discount.
import type { TextRange } from '../../extract';
import { formatUsd } from '../../pricing';
import type { Rule } from '../types';

/** The shortest prefix OpenAI and Anthropic cache. */
export const minimumCacheablePrefix = 1024;

export const cacheUnfriendlyOrder: Rule = {
  id: 'cache-unfriendly-order',
  defaultSeverity: 'warning',
  summary: 'Dynamic content placed before a long static block defeats prompt caching',
  waste: false,
  check(context) {
    let prefixTokens = 0;
    let firstVariable: { name: string; range: TextRange } | undefined;
    let staticAfter = 0;
    let longestAfter = 0;
    for (const view of context.parts) {
      let at = 0;
      for (const placement of view.placements) {
        const tokens = context.count(view.part.text.slice(at, placement.start));
        if (firstVariable) {
          staticAfter += tokens;
          longestAfter = Math.max(longestAfter, tokens);
        } else {
          prefixTokens += tokens;
          firstVariable = { name: placement.variable.name, range: placement.variable.range };
        }
        at = placement.end;
      }
      const tail = context.count(view.part.text.slice(at));
      if (firstVariable) {
        staticAfter += tail;
        longestAfter = Math.max(longestAfter, tail);
      } else prefixTokens += tail;
    }
    if (!firstVariable || longestAfter < minimumCacheablePrefix) return [];
    const saving = context.cachedMonthlyCost(prefixTokens) - context.cachedMonthlyCost(prefixTokens + staticAfter);
    const savingText = saving > 0 ? `, saving ≈ ${formatUsd(saving)}/month` : '';
    return [
      {
        message:
          `\`${firstVariable.name}\` changes on every call and comes before ${staticAfter.toLocaleString('en-US')} tokens of static text, ` +
          `so none of that text can be served from the prompt cache. Put the static instructions first and the dynamic content last${savingText}.`,
        range: firstVariable.range,
        tokens: staticAfter,
        costPerMonth: saving > 0 ? saving : undefined,
      },
    ];
  },
};
