// A prompt's prices: what one call's input and output cost, what caching its static prefix would save, and the prompt
// on every model of its provider's ladder (the hover's table and the comparison's picker). Answered in the analysis
// worker (engineWorker.ts), whose bundle is the one carrying the price data; the host imports only these types.
import {
  comparedModels,
  estimatePromptCost,
  findModel,
  priceUsage,
  type CustomModelPrices,
  type Nanos,
  type PromptCostEstimate,
} from '../core';

export interface PriceQuestion {
  model: string;
  promptTokens: number;
  outputTokens: number;
  callsPerDay: number;
  /** Tokens of the parts before the first one holding a variable: the same on every call, so a provider can cache them. */
  staticPrefixTokens: number;
  customModels: CustomModelPrices | undefined;
  /** Models to price besides the provider's ladder (the recommended one). */
  alsoModels?: string[];
  /** The prompt's tokens on models whose tokenizers count it differently (the audit's `tokensByModel`). */
  tokensByModel?: Record<string, number>;
}

export interface PromptPrices {
  /** One call, as the lenses price it; undefined when the model has no price. */
  perCall: Nanos | undefined;
  /** One call's input and output; undefined when the model has no price. */
  split: { uncachedInput: Nanos; output: Nanos } | undefined;
  /** Undefined when the prefix is below the provider's minimum or the model has no caching. */
  caching: PromptCostEstimate['withCaching'];
  rows: ComparisonRow[];
}

export interface ComparisonRow {
  model: string;
  /** The model the recommendation names. */
  recommended?: boolean;
  tier: string;
  /** The prompt's tokens on this model. */
  promptTokens: number;
  perCall: Nanos;
  perMonth: Nanos;
  fits: boolean;
  current: boolean;
}

export function promptPrices(question: PriceQuestion): PromptPrices {
  const { model, promptTokens, outputTokens, customModels } = question;
  const estimate = attempt(() => estimatePromptCost({ ...question }));
  const split = attempt(() => priceUsage({ inputTokens: promptTokens, outputTokens }, { model, customModels }));
  return {
    perCall: estimate?.perCall,
    split: split && { uncachedInput: split.uncachedInput, output: split.output },
    caching: estimate?.withCaching,
    rows: compareModels(question),
  };
}

/** The prompt on its provider's ladder, its own model and the recommended one, cheapest first. */
function compareModels(question: PriceQuestion): ComparisonRow[] {
  const also = question.alsoModels ?? [];
  const current = findModel(question.model, question.customModels);
  const rows = comparedModels(question.model, also, question.customModels).flatMap((info) => {
    // Each model priced at its own count of the prompt, which a different tokenizer makes different.
    const promptTokens = question.tokensByModel?.[info.id] ?? question.promptTokens;
    const cost = attempt(() =>
      estimatePromptCost({ ...question, promptTokens, model: info.id, provider: info.provider, staticPrefixTokens: 0 }),
    );
    if (!cost) return [];
    const fits = info.contextWindow === 0 || promptTokens + question.outputTokens <= info.contextWindow;
    const row: ComparisonRow = {
      model: info.id,
      tier: info.tier,
      promptTokens,
      perCall: cost.perCall,
      perMonth: cost.perMonth,
      fits,
      current: info.id === current?.id,
    };
    if (also.includes(info.id)) row.recommended = true;
    return [row];
  });
  return rows.sort((a, b) => a.perMonth - b.perMonth || a.model.localeCompare(b.model));
}

/** A price, or undefined for a model the price data and the policy's custom models do not price. */
function attempt<T>(price: () => T): T | undefined {
  try {
    return price();
  } catch {
    return undefined;
  }
}
