// Models the price data does not know (self-hosted, private deployments), priced by the team policy file.
import type { Provider } from '@pydantic/genai-prices';
import type { Tier } from '../models/catalog';

export interface CustomModelPrice {
  /** Provider or host name, lowercase; 'custom' when not given. */
  provider?: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
  contextWindow?: number;
  maxOutputTokens?: number;
  tier?: Tier;
}

/** Model id → prices, as the policy file's `customModels` gives them. */
export type CustomModelPrices = Record<string, CustomModelPrice>;

export const CUSTOM_PROVIDER = 'custom';

/** The custom model as a genai-prices provider, so custom and published prices go through the same engine. */
export function customProvider(id: string, price: CustomModelPrice): Provider {
  const prices: Record<string, number> = { input_mtok: price.inputPerMTok, output_mtok: price.outputPerMTok };
  if (price.cachedInputPerMTok !== undefined) prices.cache_read_mtok = price.cachedInputPerMTok;
  if (price.cacheWritePerMTok !== undefined) prices.cache_write_mtok = price.cacheWritePerMTok;
  return {
    id: price.provider ?? CUSTOM_PROVIDER,
    name: price.provider ?? 'Custom',
    api_pattern: '(?!)',
    models: [
      { id, match: { equals: id }, prices, ...(price.contextWindow ? { context_window: price.contextWindow } : {}) },
    ],
  };
}

/** The custom entry for `id`, matched case-insensitively as model ids are everywhere else. */
export function findCustom(id: string, customModels?: CustomModelPrices): [string, CustomModelPrice] | undefined {
  if (!customModels) return undefined;
  const wanted = id.trim().toLowerCase();
  return Object.entries(customModels).find(([key]) => key.toLowerCase() === wanted);
}
