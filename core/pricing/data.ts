// The price data in use: genai-prices' bundled snapshot, or a newer copy of the same data injected by the host
// (core/node loads the refreshed cache file; a web host may pass data it fetched). No I/O here.
import { findProvider, updatePrices, type Provider } from '@pydantic/genai-prices';
import { z } from 'zod';
import facts from '../models/facts.json';

/** Release date of the bundled @pydantic/genai-prices data (0.1.8); a test keeps it in step with the package. */
export const BUNDLED_PRICES_VERSION = '0.1.8';
export const BUNDLED_PRICES_AS_OF = '2026-09-23';

export interface PriceData {
  providers: Provider[];
  /** YYYY-MM-DD: the day the data was published (bundled) or fetched (refreshed). */
  asOf: string;
  /** 'bundled', or where the data came from. */
  source: string;
}

type Match = { [key: string]: string | Match[] };
const matchLogic: z.ZodType<Match> = z.lazy(() =>
  z.union([
    z.strictObject({ equals: z.string() }),
    z.strictObject({ starts_with: z.string() }),
    z.strictObject({ ends_with: z.string() }),
    z.strictObject({ contains: z.string() }),
    z.strictObject({ regex: z.string() }),
    z.strictObject({ or: z.array(matchLogic) }),
    z.strictObject({ and: z.array(matchLogic) }),
  ]),
);
const price = z.union([
  z.number().nonnegative(),
  z.object({
    base: z.number().nonnegative(),
    tiers: z.array(z.object({ start: z.number().int().nonnegative(), price: z.number().nonnegative() })),
  }),
]);
const priceTable = z.record(z.string(), price);
const modelSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  match: matchLogic,
  context_window: z.number().int().positive().optional(),
  deprecated: z.boolean().optional(),
  prices: z.union([
    priceTable,
    z.array(z.looseObject({ constraint: z.looseObject({}).optional(), prices: priceTable })).min(1),
  ]),
});
const providerSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  api_pattern: z.string(),
  model_match: matchLogic.optional(),
  provider_match: matchLogic.optional(),
  fallback_model_providers: z.array(z.string()).optional(),
  models: z.array(modelSchema),
});
/** genai-prices' data file: an array of providers, each with its models and prices. */
export const priceDataSchema = z.array(providerSchema).min(1, 'price data lists no providers');

export class PriceDataError extends Error {}

/** Validates raw price data (as parsed from JSON); throws PriceDataError naming the first bad field. */
export function parsePriceData(raw: unknown): Provider[] {
  const result = priceDataSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PriceDataError(
      `invalid price data at ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`,
    );
  }
  if (!result.data.some((provider) => provider.models.length > 0))
    throw new PriceDataError('invalid price data: no provider has models');
  return result.data as unknown as Provider[];
}

let bundled: PriceData | undefined;
let active: PriceData | undefined;
let version = 0;

/** Changes whenever the price data in use changes, so lookups cached against it can tell they are stale. */
export function priceDataVersion(): number {
  return version;
}

function bundledData(): PriceData {
  bundled ??= {
    providers: facts.priceProviders
      .map((id) => findProvider({ providerId: id }))
      .filter((p): p is Provider => p !== undefined),
    asOf: BUNDLED_PRICES_AS_OF,
    source: 'bundled',
  };
  return bundled;
}

/** Uses `raw` (genai-prices' data JSON, parsed) from now on; validated first, so bad data never replaces good. */
export function setPriceData(raw: unknown, meta: { asOf: string; source: string }): void {
  const providers = parsePriceData(raw);
  bundledData(); // read the bundled list while the engine still holds it, for resetPriceData
  useInEngine(providers);
  active = { providers, ...meta };
  version++;
}

/** Back to the bundled snapshot. */
export function resetPriceData(): void {
  if (active) useInEngine(bundledData().providers);
  active = undefined;
  version++;
}

// genai-prices keeps one active data set for its matching and pricing; its documented hook replaces it.
function useInEngine(providers: Provider[]): void {
  updatePrices(({ setProviderData }) => setProviderData(providers));
}

export function priceData(): PriceData {
  return active ?? bundledData();
}

/** Date of the price data in use, shown wherever prices are shown. */
export function pricesAsOf(): string {
  return priceData().asOf;
}
