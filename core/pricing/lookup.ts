// Finds the price entry for a model id: custom (policy file) first, then the price data through genai-prices'
// own matching (provider rules, aliases, dated ids such as gpt-4o-2024-08-06, price history).
import { calcPrice, type ModelInfo as PricedModelEntry, type ModelPrice, type Provider } from '@pydantic/genai-prices';
import { customProvider, findCustom, type CustomModelPrice, type CustomModelPrices } from './custom';
import { priceData } from './data';

export interface PricedModel {
  provider: Provider;
  model: PricedModelEntry;
  /** The prices in force at the requested date. */
  prices: ModelPrice;
  custom?: CustomModelPrice;
}

export interface LookupOptions {
  provider?: string;
  at?: Date;
  customModels?: CustomModelPrices;
}

// Providers tried, in this order, for a bare model id that no provider's own naming rule claims
// (e.g. 'llama-3.3-70b-versatile'): the first-party APIs before resellers.
const preferredProviders = ['openai', 'anthropic', 'google', 'groq', 'mistral', 'deepseek', 'x-ai', 'together'];

export function lookupModel(id: string, options: LookupOptions = {}): PricedModel | undefined {
  const wanted = options.provider?.trim().toLowerCase();
  const custom = findCustom(id, options.customModels);
  if (custom && (!wanted || wanted === (custom[1].provider ?? 'custom'))) {
    const found = engineLookup(custom[0], { provider: customProvider(custom[0], custom[1]) }, options.at);
    return found && { ...found, custom: custom[1] };
  }
  const [prefix, rest] = splitProvider(id);
  const providerId = wanted ?? prefix;
  const modelId = prefix && (!wanted || wanted === prefix) ? rest : id.trim();
  if (providerId) return engineLookup(modelId, { providerId }, options.at);
  const claimed = engineLookup(modelId, {}, options.at);
  if (claimed) return claimed;
  const ids = priceData().providers.map((p) => p.id);
  const order = [...preferredProviders.filter((p) => ids.includes(p)), ...ids.filter((p) => !preferredProviders.includes(p))];
  for (const candidate of order) {
    const found = engineLookup(modelId, { providerId: candidate }, options.at);
    if (found) return found;
  }
  return undefined;
}

// 'openai:gpt-4o' or 'groq/llama-3.1-8b-instant' name their provider; 'ft:gpt-4o…' or 'qwen/qwen3-32b' do not.
function splitProvider(id: string): [string | undefined, string] {
  const match = /^([a-z0-9_.-]+)[:/](.+)$/i.exec(id.trim());
  if (match && priceData().providers.some((p) => p.id === match[1]!.toLowerCase())) return [match[1]!.toLowerCase(), match[2]!];
  return [undefined, id.trim()];
}

function engineLookup(modelId: string, where: { provider?: Provider; providerId?: string }, at?: Date): PricedModel | undefined {
  try {
    const result = calcPrice({}, modelId, { ...where, ...(at ? { timestamp: at } : {}) });
    return result ? { provider: result.provider, model: result.model, prices: result.model_price } : undefined;
  } catch {
    // An entry the engine cannot price per token (malformed or exotic units) is treated as unknown.
    return undefined;
  }
}
