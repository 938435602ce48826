// The model catalog: what each model can do, how big it is, and what it costs, from three sources — the price data
// (prices, context windows), facts.json (limits, capabilities, deprecations) and the curated ladders.
import type { ModelPrice } from '@pydantic/genai-prices';
import { findCustom, type CustomModelPrice, type CustomModelPrices } from '../pricing/custom';
import { priceData, priceDataVersion } from '../pricing/data';
import { lookupModel, type PricedModel } from '../pricing/lookup';
import factsFile from './facts.json';
import { catalogEntries } from './ladders';
import { editDistance } from '../editDistance';

export type Tier = 'small' | 'medium' | 'large' | 'frontier';
export const tiers: readonly Tier[] = ['small', 'medium', 'large', 'frontier'];

/** 0 for 'small' up to 3 for 'frontier', for ordering and comparing tiers. */
export function tierRank(tier: Tier): number {
  return tiers.indexOf(tier);
}

export type Modality = 'text' | 'image' | 'audio' | 'pdf';

export interface ModelInfo {
  id: string;
  provider: string;
  displayName: string;
  tier: Tier;
  /** Tokens; 0 when neither the price data nor the facts know it (never assume such a model fits). */
  contextWindow: number;
  /** Tokens; 0 when unknown. */
  maxOutputTokens: number;
  modalities: Modality[];
  capabilities: { tools: boolean; reasoning: boolean; vision: boolean; jsonMode: boolean };
  /** Retirement date (YYYY-MM-DD) or 'deprecated' when the price data flags it without a date. */
  deprecation?: string;
  /** Standard USD per million tokens, below any long-context tier, today. */
  inputPerMTok?: number;
  outputPerMTok?: number;
  /** Priced by the policy file rather than the price data. */
  custom?: boolean;
}

export interface ModelFacts {
  contextWindow: number;
  maxOutputTokens: number;
  modalities: Modality[];
  tools: boolean;
  reasoning: boolean;
  vision: boolean;
  jsonMode: boolean;
  deprecation?: string;
  cacheMinimumTokens?: number;
  batch?: { input: number; output: number };
  flex?: { input: number; output: number };
}

const facts = factsFile as unknown as { models: Record<string, Record<string, ModelFacts>> };

/** Limits and capabilities of a priced model (by its price-data id), where the facts file has them. */
export function modelFacts(provider: string, id: string): ModelFacts | undefined {
  return facts.models[provider]?.[id];
}

/** Looks up any model: custom ones first, then the price data (aliases and dated ids resolve to their model). */
export function findModel(id: string, customModels?: CustomModelPrices): ModelInfo | undefined {
  const custom = findCustom(id, customModels);
  if (custom) return customInfo(custom[0], custom[1]);
  const priced = lookupModel(id);
  return priced && pricedInfo(priced);
}

/** The curated catalog (optionally one provider's), plus any custom models. */
export function listModels(options: { provider?: string; customModels?: CustomModelPrices } = {}): ModelInfo[] {
  const provider = options.provider?.toLowerCase();
  const curated = curatedModels()
    .filter(({ info }) => !provider || info.provider === provider)
    .map(({ info }) => info);
  const custom = Object.entries(options.customModels ?? {})
    .map(([id, price]) => customInfo(id, price))
    .filter((info) => !provider || info.provider === provider);
  return [...curated, ...custom];
}

/** A provider's current models from small to frontier. */
export function ladder(provider: string): ModelInfo[] {
  const wanted = provider.toLowerCase();
  return curatedModels()
    .filter(({ info, current }) => current && info.provider === wanted)
    .map(({ info }) => info)
    .sort((a, b) => tierRank(a.tier) - tierRank(b.tier));
}

/**
 * The models a prompt on `model` is compared with: its provider's ladder, the model itself and `also` (a recommended
 * one), each once; none but `also` for a model the catalog does not know.
 */
export function comparedModels(model: string, also: readonly string[], customModels?: CustomModelPrices): ModelInfo[] {
  const current = findModel(model, customModels);
  const models = current ? ladder(current.provider) : [];
  for (const info of [...(current ? [current] : []), ...also.flatMap((id) => findModel(id, customModels) ?? [])])
    if (!models.some((m) => m.id === info.id)) models.push(info);
  return models;
}

// Resolving every curated model through the price data is the costly part of a recommendation, and its result only
// changes with the data or the day (prices in force are today's), so it is kept per data version and UTC day.
let curated: { key: string; models: readonly { info: ModelInfo; current: boolean }[] } | undefined;

function curatedModels(): readonly { info: ModelInfo; current: boolean }[] {
  const key = `${priceDataVersion()}|${new Date().toISOString().slice(0, 10)}`;
  if (curated?.key !== key) {
    const models = catalogEntries.flatMap((entry) => {
      const priced = lookupModel(entry.id, { provider: entry.provider });
      return priced ? [{ info: pricedInfo(priced), current: entry.current === true }] : [];
    });
    curated = { key, models };
  }
  return curated.models;
}

/** Providers that have a ladder. */
export function ladderProviders(): string[] {
  return [...new Set(catalogEntries.filter((entry) => entry.current).map((entry) => entry.provider))];
}

/**
 * The known model ids closest to `unknown`, best first. Curated and custom ids are preferred over the long tail of
 * priced ids, and first-party providers' ids over resellers' (which often prefix them, e.g. 'openai/gpt-4o').
 */
export function suggestModels(unknown: string, limit = 3, customModels?: CustomModelPrices): string[] {
  // Compare with every separator alike, so 'sonnet 4.5' meets 'claude-sonnet-4-5'.
  const normal = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const wanted = normal(unknown.trim());
  const penalty = new Map<string, number>();
  const offer = (name: string, cost: number) => {
    // Price-data ids that are match patterns rather than names ('ft:gpt-3.5-turbo-') are not worth suggesting.
    if (/[-.:]$|(^|\.)ft[-:]/.test(name)) return;
    penalty.set(name, Math.min(penalty.get(name) ?? Infinity, cost));
  };
  for (const provider of priceData().providers) {
    const firstParty = ladderProviders().includes(provider.id);
    for (const model of provider.models) offer(model.id, firstParty ? 0.5 : 1);
  }
  for (const entry of catalogEntries) offer(entry.id, 0);
  for (const id of Object.keys(customModels ?? {})) offer(id, 0);
  return [...penalty]
    .map(([name, cost]) => {
      const known = normal(name);
      // A name that contains the whole query ('opus' → 'claude-opus-5') ranks by how much it adds.
      if (wanted.length >= 3 && known.includes(wanted))
        return { name, score: (known.length - wanted.length) / 10 + cost - 3 };
      const prefix = wanted.startsWith(known) ? 2 : 0;
      return { name, score: editDistance(wanted, known) + cost - prefix };
    })
    .sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

function pricedInfo(priced: PricedModel): ModelInfo {
  const { provider, model } = priced;
  const known = modelFacts(provider.id, model.id);
  const curated = catalogEntries.find((entry) => entry.provider === provider.id && entry.id === model.id);
  const input = basePrice(priced.prices, 'input_mtok');
  const output = basePrice(priced.prices, 'output_mtok');
  const deprecation = known?.deprecation ?? (model.deprecated ? 'deprecated' : undefined);
  return {
    id: model.id,
    provider: provider.id,
    displayName: model.name ?? model.id,
    tier: curated?.tier ?? tierByPrice(output),
    contextWindow: model.context_window ?? known?.contextWindow ?? 0,
    maxOutputTokens: known?.maxOutputTokens ?? 0,
    modalities: known?.modalities ?? ['text'],
    capabilities: {
      tools: known?.tools ?? false,
      reasoning: known?.reasoning ?? false,
      vision: known?.vision ?? false,
      jsonMode: known?.jsonMode ?? false,
    },
    ...(deprecation ? { deprecation } : {}),
    ...(input !== undefined ? { inputPerMTok: input } : {}),
    ...(output !== undefined ? { outputPerMTok: output } : {}),
  };
}

function customInfo(id: string, price: CustomModelPrice): ModelInfo {
  return {
    id,
    provider: price.provider ?? 'custom',
    displayName: id,
    tier: price.tier ?? tierByPrice(price.outputPerMTok),
    contextWindow: price.contextWindow ?? 0,
    maxOutputTokens: price.maxOutputTokens ?? 0,
    // The policy file states prices only; claim no capability it does not state.
    modalities: ['text'],
    capabilities: { tools: false, reasoning: false, vision: false, jsonMode: false },
    inputPerMTok: price.inputPerMTok,
    outputPerMTok: price.outputPerMTok,
    custom: true,
  };
}

function basePrice(prices: ModelPrice, key: string): number | undefined {
  const value = prices[key];
  return typeof value === 'number' ? value : value?.base;
}

// Size class of a model the ladders do not name, from its output price ($/MTok): a transparent rule of thumb.
function tierByPrice(outputPerMTok: number | undefined): Tier {
  if (outputPerMTok === undefined) return 'medium';
  if (outputPerMTok < 1) return 'small';
  if (outputPerMTok < 5) return 'medium';
  if (outputPerMTok < 20) return 'large';
  return 'frontier';
}
