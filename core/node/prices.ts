// The refreshed price data on disk: `tokenwise prices update` downloads genai-prices' published data file, checks
// it, and replaces the cached copy atomically; every Node front end loads that copy when it is present and valid.
// A download that fails in any way leaves the last good copy (or the bundled snapshot) in use.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REMOTE_DATA_JSON_URL } from '@pydantic/genai-prices';
import type { AxiosError } from 'axios';
import { z } from 'zod';
import { BUNDLED_PRICES_AS_OF, parsePriceData, PriceDataError, setPriceData } from '../pricing';

/** genai-prices' own published data file. */
export const DEFAULT_PRICES_URL = REMOTE_DATA_JSON_URL;
export const PRICE_CACHE_FILE = 'prices.json';
const DEFAULT_TIMEOUT_MS = 30_000;
// The published file is a few MB; anything far larger is not it.
const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

const cacheFileSchema = z.object({
  format: z.literal('tokenwise-prices/1'),
  fetchedAt: z.iso.datetime(),
  url: z.string(),
  providers: z.unknown(),
});

/** $XDG_CACHE_HOME/tokenwise, else ~/.cache/tokenwise. */
export function defaultPriceCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tokenwise');
}

export interface PriceSource {
  source: 'cache' | 'bundled';
  asOf: string;
  /** Why a cache file present on disk was not used. */
  problem?: string;
}

/** Uses the cached price data when it is present and valid; otherwise the bundled snapshot stays in use. */
export async function loadPriceCache(cacheDir: string = defaultPriceCacheDir()): Promise<PriceSource> {
  const file = join(cacheDir, PRICE_CACHE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { source: 'bundled', asOf: BUNDLED_PRICES_AS_OF };
    return {
      source: 'bundled',
      asOf: BUNDLED_PRICES_AS_OF,
      problem: `cannot read ${file}: ${(error as Error).message}`,
    };
  }
  try {
    const cached = cacheFileSchema.parse(JSON.parse(text));
    const asOf = cached.fetchedAt.slice(0, 10);
    setPriceData(cached.providers, { asOf, source: cached.url });
    return { source: 'cache', asOf };
  } catch (error) {
    const reason =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
        : (error as Error).message;
    return { source: 'bundled', asOf: BUNDLED_PRICES_AS_OF, problem: `ignored ${file}: ${reason}` };
  }
}

export class PriceUpdateError extends Error {}

export interface PriceUpdate {
  file: string;
  url: string;
  asOf: string;
  providers: number;
  models: number;
}

/**
 * Downloads the price data from `url`, validates it, and only then replaces the cache file (written to a temporary
 * file in the same directory and renamed over the old one, so readers never see a half-written file).
 */
export async function updatePriceCache(
  options: { url?: string; cacheDir?: string; timeoutMs?: number; now?: Date } = {},
): Promise<PriceUpdate> {
  const url = options.url ?? DEFAULT_PRICES_URL;
  const cacheDir = options.cacheDir ?? defaultPriceCacheDir();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let body: string;
  try {
    // Loaded here, not with the module: counting and pricing never need it, and it is a good part of a cold start.
    const { default: axios } = await import('axios');
    const response = await axios.get<string>(url, {
      responseType: 'text',
      transformResponse: (raw: string) => raw,
      timeout: timeoutMs,
      // The whole download, not just the wait for the first byte, must finish in time.
      signal: AbortSignal.timeout(timeoutMs),
      maxContentLength: MAX_DOWNLOAD_BYTES,
      maxRedirects: 5,
    });
    body = response.data;
  } catch (error) {
    throw new PriceUpdateError(`download from ${url} failed: ${describeHttpError(error, timeoutMs)}`);
  }
  let providers;
  try {
    providers = parsePriceData(JSON.parse(body));
  } catch (error) {
    const reason =
      error instanceof PriceDataError
        ? error.message
        : `not valid JSON (truncated or corrupt download): ${(error as Error).message}`;
    throw new PriceUpdateError(`download from ${url} rejected, ${reason}`);
  }
  const fetchedAt = (options.now ?? new Date()).toISOString();
  const file = join(cacheDir, PRICE_CACHE_FILE);
  await writeAtomically(file, JSON.stringify({ format: 'tokenwise-prices/1', fetchedAt, url, providers }));
  const asOf = fetchedAt.slice(0, 10);
  setPriceData(providers, { asOf, source: url });
  return { file, url, asOf, providers: providers.length, models: providers.reduce((n, p) => n + p.models.length, 0) };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(join(file, '..'), { recursive: true });
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // Nothing to clean up when the folder itself could not be made.
    await rm(temp, { force: true }).catch(() => undefined);
    throw new PriceUpdateError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

function describeHttpError(error: unknown, timeoutMs: number): string {
  if ((error as AxiosError | undefined)?.isAxiosError === true) {
    const axiosError = error as AxiosError;
    if (axiosError.response) return `HTTP ${axiosError.response.status}`;
    const code = axiosError.code;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED')
      return `no complete answer within ${timeoutMs / 1000} s`;
    return code ? `${code}: ${axiosError.message}` : axiosError.message;
  }
  return (error as Error).message;
}
