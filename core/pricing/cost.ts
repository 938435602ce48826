// What a request costs, component by component, and what a prompt costs at the volume it runs.
// genai-prices finds the model and the prices in force at the request's date; the breakdown applies those rates to
// each partition of the usage exactly as the engine does (cache tokens and reasoning tokens are parts of the input
// and output totals, never added on top), and the whole request moves to a long-context tier when its input does.
import type { ModelPrice } from '@pydantic/genai-prices';
import factsFile from '../models/facts.json';
import { modelFacts, suggestModels } from '../models/catalog';
import type { CustomModelPrices } from './custom';
import { pricesAsOf } from './data';
import { lookupModel, type PricedModel } from './lookup';
import { tokenCost, type Nanos } from './money';

export interface Usage {
  /** ALL input tokens, including cache reads and cache writes. */
  inputTokens: number;
  /** Part of inputTokens read from the prompt cache. */
  cacheReadTokens?: number;
  /** Part of inputTokens written to the prompt cache (every lifetime, including the 1-hour part). */
  cacheWriteTokens?: number;
  /** Part of cacheWriteTokens written with a 1-hour lifetime (Anthropic), priced at its own rate. */
  cacheWrite1hTokens?: number;
  /** ALL output tokens, including reasoning tokens. */
  outputTokens: number;
  /** Part of outputTokens spent on reasoning. */
  reasoningTokens?: number;
}

export type PricingMode = 'standard' | 'batch' | 'flex';

export interface CostBreakdown {
  model: string;
  provider: string;
  uncachedInput: Nanos;
  cacheRead: Nanos;
  cacheWrite: Nanos;
  /** All output, reasoning included. */
  output: Nanos;
  /** The reasoning part of `output`, shown separately, not added twice. */
  reasoning: Nanos;
  /** uncachedInput + cacheRead + cacheWrite + output. */
  total: Nanos;
  /** The long-context tier the request fell into, e.g. 'input over 200,000 tokens'. */
  tier?: string;
  mode: PricingMode;
  pricesAsOf: string;
  /** True when the prices are the policy file's own (custom models), not a provider's published list. */
  estimated: boolean;
}

export interface PriceOptions {
  model: string;
  provider?: string;
  /** When the request was made: prices in force then apply. Defaults to now. */
  at?: Date;
  mode?: PricingMode;
  customModels?: CustomModelPrices;
}

/** No price is known for the model; `suggestions` are the closest known names. */
export class UnpricedModelError extends Error {
  constructor(
    readonly model: string,
    readonly provider: string | undefined,
    readonly suggestions: string[],
  ) {
    super(
      `no price known for model '${model}'${provider ? ` at provider '${provider}'` : ''}.` +
        (suggestions.length ? ` Closest known: ${suggestions.join(', ')}.` : '') +
        ' Custom and self-hosted models can be priced in the policy file (customModels).',
    );
    this.name = 'UnpricedModelError';
  }
}

/** The request cannot be priced as asked (inconsistent usage, or a discount mode the provider does not offer). */
export class PricingError extends Error {}

interface Rates {
  input: number;
  output: number;
}
const fullPrice: Rates = { input: 1, output: 1 };
const providerBatch = factsFile.providerBatch as Record<string, Rates | undefined>;

// The price keys of each part of a request, most specific first (genai-prices' unit hierarchy: a missing price falls
// back to its parent's, e.g. cache reads without their own price cost the input rate).
const INPUT = ['input_mtok'];
const CACHE_READ = ['cache_read_mtok', 'input_mtok'];
const CACHE_WRITE = ['cache_write_mtok', 'input_mtok'];
const CACHE_WRITE_1H = ['cache_write_1h_mtok', 'cache_write_mtok', 'input_mtok'];
const OUTPUT = ['output_mtok'];
const REASONING = ['output_reasoning_mtok', 'output_mtok'];

/** The start of the highest long-context tier any part of a request was priced in. */
interface TierReached {
  start: number | undefined;
}

/**
 * The rate of the first priced key, in the tier the request's whole input falls into: the engine picks a tier by the
 * whole input, and every token of the request is priced in it. A module function rather than closures in
 * `priceUsage`, which the bot runs for every event it ingests.
 */
function rateOf(prices: ModelPrice, keys: readonly string[], inputTokens: number, reached: TierReached): number {
  for (const key of keys) {
    const value = prices[key];
    if (value === undefined) continue;
    if (typeof value === 'number') return value;
    let rate = value.base;
    let start: number | undefined;
    for (const tier of value.tiers) {
      if (inputTokens > tier.start) {
        rate = tier.price;
        start = tier.start;
      }
    }
    if (start !== undefined) reached.start = Math.max(reached.start ?? 0, start);
    return rate;
  }
  return 0;
}

export function priceUsage(usage: Usage, options: PriceOptions): CostBreakdown {
  checkUsage(usage);
  const priced = lookupModel(options.model, options);
  if (!priced)
    throw new UnpricedModelError(
      options.model,
      options.provider,
      suggestModels(options.model, 3, options.customModels),
    );
  const mode = options.mode ?? 'standard';
  const multiplier = modeMultiplier(priced, mode);
  const prices = priced.prices;
  const read = usage.cacheReadTokens ?? 0;
  const written = usage.cacheWriteTokens ?? usage.cacheWrite1hTokens ?? 0;
  const written1h = usage.cacheWrite1hTokens ?? 0;
  const reasoning = usage.reasoningTokens ?? 0;
  if (prices.input_mtok === undefined && prices.output_mtok === undefined) {
    throw new PricingError(`model '${priced.model.id}' is not priced per token`);
  }

  const input = usage.inputTokens;
  const reached: TierReached = { start: undefined };
  const inputRate = rateOf(prices, INPUT, input, reached) * multiplier.input;
  const cacheReadRate = rateOf(prices, CACHE_READ, input, reached) * multiplier.input;
  const cacheWriteRate = rateOf(prices, CACHE_WRITE, input, reached) * multiplier.input;
  const cacheWrite1hRate = rateOf(prices, CACHE_WRITE_1H, input, reached) * multiplier.input;
  const outputRate = rateOf(prices, OUTPUT, input, reached) * multiplier.output;
  const reasoningRate = rateOf(prices, REASONING, input, reached) * multiplier.output;

  const uncachedInput = tokenCost(input - read - written, inputRate);
  const cacheRead = tokenCost(read, cacheReadRate);
  const cacheWrite = tokenCost(written - written1h, cacheWriteRate) + tokenCost(written1h, cacheWrite1hRate);
  const reasoningCost = tokenCost(reasoning, reasoningRate);
  const output = tokenCost(usage.outputTokens - reasoning, outputRate) + reasoningCost;
  const tierStart = reached.start;
  return {
    model: priced.model.id,
    provider: priced.provider.id,
    uncachedInput,
    cacheRead,
    cacheWrite,
    output,
    reasoning: reasoningCost,
    total: uncachedInput + cacheRead + cacheWrite + output,
    ...(tierStart !== undefined ? { tier: `input over ${tierStart.toLocaleString('en-US')} tokens` } : {}),
    mode,
    pricesAsOf: pricesAsOf(),
    estimated: priced.custom !== undefined,
  };
}

function checkUsage(usage: Usage): void {
  checkCount('inputTokens', usage.inputTokens);
  checkCount('cacheReadTokens', usage.cacheReadTokens);
  checkCount('cacheWriteTokens', usage.cacheWriteTokens);
  checkCount('cacheWrite1hTokens', usage.cacheWrite1hTokens);
  checkCount('outputTokens', usage.outputTokens);
  checkCount('reasoningTokens', usage.reasoningTokens);
  const read = usage.cacheReadTokens ?? 0;
  const written = usage.cacheWriteTokens ?? usage.cacheWrite1hTokens ?? 0;
  if (read + written > usage.inputTokens) {
    throw new PricingError(
      `usage: cache reads (${read}) and writes (${written}) are parts of inputTokens (${usage.inputTokens}) and cannot exceed it`,
    );
  }
  if ((usage.cacheWrite1hTokens ?? 0) > written)
    throw new PricingError(
      `usage.cacheWrite1hTokens (${usage.cacheWrite1hTokens}) is part of cacheWriteTokens (${written}) and cannot exceed it`,
    );
  if ((usage.reasoningTokens ?? 0) > usage.outputTokens) {
    throw new PricingError(
      `usage.reasoningTokens (${usage.reasoningTokens}) is part of outputTokens (${usage.outputTokens}) and cannot exceed it`,
    );
  }
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0))
    throw new PricingError(`usage.${name} must be a whole number of tokens ≥ 0, got ${value}`);
}

// Batch and flex prices are multipliers of the standard price taken from the facts file (per model, else the
// provider's documented batch discount); a mode with no documented price is refused rather than guessed.
function modeMultiplier(priced: PricedModel, mode: PricingMode): Rates {
  if (mode === 'standard') return fullPrice;
  const known = modelFacts(priced.provider.id, priced.model.id);
  const found = mode === 'batch' ? (known?.batch ?? providerBatch[priced.provider.id]) : known?.flex;
  if (!found)
    throw new PricingError(`${mode} pricing is not documented for '${priced.model.id}' (${priced.provider.id})`);
  return found;
}

export interface PromptCostEstimate {
  promptTokens: number;
  outputTokens: number;
  perCall: Nanos;
  perDay: Nanos;
  /** 30 days. */
  perMonth: Nanos;
  callsPerDay: number;
  withCaching?: {
    cachedPrefixTokens: number;
    /** A call that reads the prefix from the cache. */
    perCall: Nanos;
    perMonth: Nanos;
    savingPerMonth: Nanos;
    savingPercent: number;
  };
}

export interface PromptCostInput {
  model: string;
  provider?: string;
  promptTokens: number;
  outputTokens: number;
  callsPerDay: number;
  /** Tokens at the start of the prompt that are the same on every call (system prompt, instructions, examples). */
  staticPrefixTokens?: number;
  customModels?: CustomModelPrices;
}

/** A month is 30 days wherever tokenwise states a monthly figure. */
export const DAYS_PER_MONTH = 30;
// Prompt caches live about 5 minutes after last use: at most one write per 5-minute window keeps the prefix cached.
const CACHE_WRITES_PER_DAY_MAX = (24 * 60) / 5;
const DEFAULT_CACHE_MINIMUM = 1024;

/**
 * Cost per call, per day and per 30-day month at `callsPerDay`; and, when the static prefix reaches the provider's
 * minimum cacheable length, the same with prompt caching: the prefix is written to the cache at most once per
 * 5-minute window (288 writes a day) and read from it on every other call.
 */
export function estimatePromptCost(input: PromptCostInput): PromptCostEstimate {
  if (!(Number.isFinite(input.callsPerDay) && input.callsPerDay >= 0))
    throw new PricingError(`callsPerDay must be a number ≥ 0, got ${input.callsPerDay}`);
  const options = { model: input.model, provider: input.provider, customModels: input.customModels };
  const perCall = priceUsage({ inputTokens: input.promptTokens, outputTokens: input.outputTokens }, options).total;
  const perDay = Math.round(perCall * input.callsPerDay);
  const estimate: PromptCostEstimate = {
    promptTokens: input.promptTokens,
    outputTokens: input.outputTokens,
    perCall,
    perDay,
    perMonth: perDay * DAYS_PER_MONTH,
    callsPerDay: input.callsPerDay,
  };
  const prefix = Math.min(input.staticPrefixTokens ?? 0, input.promptTokens);
  const minimum = cacheMinimum(input);
  if (minimum === undefined || prefix < minimum) return estimate;

  const hit = priceUsage(
    { inputTokens: input.promptTokens, cacheReadTokens: prefix, outputTokens: input.outputTokens },
    options,
  ).total;
  const miss = priceUsage(
    { inputTokens: input.promptTokens, cacheWriteTokens: prefix, outputTokens: input.outputTokens },
    options,
  ).total;
  const writes = Math.min(input.callsPerDay, CACHE_WRITES_PER_DAY_MAX);
  const cachedPerMonth = Math.round(writes * miss + (input.callsPerDay - writes) * hit) * DAYS_PER_MONTH;
  const saving = estimate.perMonth - cachedPerMonth;
  estimate.withCaching = {
    cachedPrefixTokens: prefix,
    perCall: hit,
    perMonth: cachedPerMonth,
    savingPerMonth: saving,
    savingPercent: estimate.perMonth === 0 ? 0 : Math.round((saving / estimate.perMonth) * 1000) / 10,
  };
  return estimate;
}

// The provider's minimum cacheable prefix for the model, or undefined when the model has no prompt caching.
function cacheMinimum(input: PromptCostInput): number | undefined {
  const priced = lookupModel(input.model, input);
  if (!priced) return undefined;
  if (priced.custom) return priced.custom.cachedInputPerMTok !== undefined ? DEFAULT_CACHE_MINIMUM : undefined;
  return (
    modelFacts(priced.provider.id, priced.model.id)?.cacheMinimumTokens ??
    (priced.prices.cache_read_mtok !== undefined ? DEFAULT_CACHE_MINIMUM : undefined)
  );
}
