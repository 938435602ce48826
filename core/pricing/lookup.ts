// Finds the price entry for a model id: custom (policy file) first, then the price data through genai-prices'
// own matching (provider rules, aliases, dated ids such as gpt-4o-2024-08-06, price history).
import { calcPrice, type ModelInfo as PricedModelEntry, type ModelPrice, type Provider } from '@pydantic/genai-prices';
import { customProvider, findCustom, type CustomModelPrice, type CustomModelPrices } from './custom';
import { priceData, priceDataVersion } from './data';

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
  // Matching a name against every provider's rules is the slow part; the entry found stays the same until the data
  // changes, and the prices in force are resolved once per span of time in which they cannot change (see Match).
  const key = `${priceDataVersion()}|${wanted ?? ''}|${id}`;
  let match = matches.get(key);
  if (match === undefined) {
    match = matchModel(id, wanted) ?? null;
    if (matches.size >= MAX_REMEMBERED) matches.clear();
    matches.set(key, match);
  }
  if (!match) return undefined;
  if (match.fixed) return match.fixed;
  const period = Math.floor((options.at ?? new Date()).getTime() / match.periodMs);
  if (match.byPeriod.has(period)) return match.byPeriod.get(period);
  const found = engineLookup(match.modelId, { provider: match.provider }, options.at);
  // Most models have one price table whatever the date or time; theirs is resolved once.
  if (found && !Array.isArray(match.provider.models[0]!.prices)) match.fixed = found;
  else {
    if (match.byPeriod.size >= MAX_PERIODS) match.byPeriod.clear();
    match.byPeriod.set(period, found);
  }
  return found;
}

interface Match {
  /** The id as the engine matches it (without a provider prefix). */
  modelId: string;
  /** The provider, holding only the matched model entry. */
  provider: Provider;
  /** The lookup result, when the model's prices do not depend on the date. */
  fixed?: PricedModel;
  /**
   * For prices that do depend on it: lookups per period in which they cannot change — a UTC day when they change
   * only on start dates, else a minute (prices by time of day).
   */
  periodMs: number;
  byPeriod: Map<number, PricedModel | undefined>;
}
const MAX_PERIODS = 1_000;
const DAY_MS = 86_400_000;
const MAX_REMEMBERED = 10_000;
const matches = new Map<string, Match | null>();

function matchModel(id: string, wanted: string | undefined): Match | undefined {
  const [prefix, rest] = splitProvider(id);
  const whole = id.trim();
  const only = (modelId: string, found: PricedModel | undefined): Match | undefined => {
    if (!found) return undefined;
    const prices = found.model.prices;
    const byDate = !Array.isArray(prices) || prices.every((p) => !p.constraint || p.constraint.type === 'start_date');
    return {
      modelId,
      provider: { ...found.provider, models: [found.model] },
      periodMs: byDate ? DAY_MS : 60_000,
      byPeriod: new Map(),
    };
  };
  if (wanted || prefix) {
    const modelId = prefix && (!wanted || wanted === prefix) ? rest : whole;
    const found = only(modelId, engineLookup(modelId, { providerId: wanted ?? prefix }));
    // A provider asked for is never swapped for another. A prefix may instead name the model's maker, under whose
    // name hosts serve it ('moonshotai/kimi-k2-instruct' at Groq): then the whole id is looked up below.
    if (found || wanted) return found;
  }
  const claimed = engineLookup(whole, {});
  if (claimed) return only(whole, claimed);
  const providers = priceData().providers;
  const ids = providers.map((p) => p.id);
  const order = [
    ...preferredProviders.filter((p) => ids.includes(p)),
    ...ids.filter((p) => !preferredProviders.includes(p)),
  ];
  for (const candidate of order) {
    const found = engineLookup(whole, { providerId: candidate });
    if (found) return only(whole, found);
  }
  // A host's id without its organisation ('Llama-3.3-70B-Instruct-Turbo' for Together's 'meta-llama/…').
  const suffix = `/${whole.toLowerCase()}`;
  for (const candidate of order) {
    const model = providers.find((p) => p.id === candidate)!.models.find((m) => m.id.toLowerCase().endsWith(suffix));
    if (model) return only(model.id, engineLookup(model.id, { providerId: candidate }));
  }
  // Azure OpenAI's model names: 'gpt-35-turbo' for gpt-3.5-turbo, and a version suffix such as '-1106' or '-0613'.
  const azure = whole.replace(/^gpt-35(?=-)/i, 'gpt-3.5').replace(/-(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])$/, '');
  return azure !== whole ? matchModel(azure, wanted) : undefined;
}

// 'openai:gpt-4o' or 'groq/llama-3.1-8b-instant' name their provider; 'ft:gpt-4o…' or 'qwen/qwen3-32b' do not.
function splitProvider(id: string): [string | undefined, string] {
  const match = /^([a-z0-9_.-]+)[:/](.+)$/i.exec(id.trim());
  if (match && priceData().providers.some((p) => p.id === match[1]!.toLowerCase()))
    return [match[1]!.toLowerCase(), match[2]!];
  return [undefined, id.trim()];
}

function engineLookup(
  modelId: string,
  where: { provider?: Provider; providerId?: string },
  at?: Date,
): PricedModel | undefined {
  try {
    const result = calcPrice({}, modelId, { ...where, ...(at ? { timestamp: at } : {}) });
    return result ? { provider: result.provider, model: result.model, prices: result.model_price } : undefined;
  } catch {
    // An entry the engine cannot price per token (malformed or exotic units) is treated as unknown.
    return undefined;
  }
}
