// Outbound HTTP with retries, for the providers' usage APIs and the LiteLLM proxy: 429 waits as long as
// Retry-After asks (capped), 5xx and network errors back off exponentially with jitter; any other error fails at
// once.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export function createClient(baseURL: string, headers: Record<string, string>): AxiosInstance {
  return axios.create({ baseURL, headers, timeout: 30_000 });
}

function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? at - Date.now() : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetry<T>(send: () => Promise<AxiosResponse<T>>, retry: RetryOptions): Promise<AxiosResponse<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!axios.isAxiosError(error) || attempt >= retry.attempts) throw error;
      const status = error.response?.status;
      const retryable = status === undefined || status === 429 || status >= 500;
      if (!retryable) throw error;
      const backoff = retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      const asked = status === 429 ? retryAfterMs(error.response?.headers['retry-after']) : undefined;
      await sleep(Math.min(retry.maxDelayMs, Math.max(0, asked ?? backoff)));
    }
  }
}

export function getWithRetry<T>(
  client: AxiosInstance,
  url: string,
  params: Record<string, unknown>,
  retry: RetryOptions,
): Promise<AxiosResponse<T>> {
  return withRetry(() => client.get<T>(url, { params }), retry);
}

export function postWithRetry<T>(
  client: AxiosInstance,
  url: string,
  body: unknown,
  retry: RetryOptions,
): Promise<AxiosResponse<T>> {
  return withRetry(() => client.post<T>(url, body), retry);
}
