// Opt-in exact counts from the providers whose tokenizers are not public: Anthropic's
// `POST /v1/messages/count_tokens` and Gemini's `models/{model}:countTokens`. Web-safe (axios, no Node APIs).
// Every failure — no network, a bad key, a rate limit, an unexpected answer — returns the local estimate with the
// reason in `note`, so a caller always gets a number and never a silent guess. A key goes only to its own provider's
// API, or to the base URL given for that provider (see baseUrl.ts), and never on through a redirect.
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { baseUrlProblem, normalBaseUrl, officialBaseUrls } from './baseUrl';
import { countChatRequest } from './chat';
import { countTokens, type TokenCount } from './count';
import { resolveTokenizer, type ResolveOptions } from './models';

export interface ExactCountConfig {
  anthropicApiKey?: string;
  geminiApiKey?: string;
  /**
   * Base URLs, for proxies and tests: each receives its provider's key and prompt text, so only a user's own choice
   * belongs here. https, or http to 127.0.0.1, localhost or [::1]; left out: the provider's official API.
   */
  anthropicBaseUrl?: string;
  geminiBaseUrl?: string;
  timeoutMs?: number;
  /** How long to stay away after a 429 that names no Retry-After. */
  defaultBackoffMs?: number;
  /** Answers remembered, by hash of the request; the oldest is dropped beyond this. */
  cacheSize?: number;
  now?: () => number;
}

export type ExactCountProvider = 'anthropic' | 'google';

const baseUrl = z.string().superRefine((value, ctx) => {
  const problem = baseUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const configSchema = z.object({ anthropicBaseUrl: baseUrl.optional(), geminiBaseUrl: baseUrl.optional() });

/** A configuration the counter refuses to send a key with; the message names the field. */
export class ExactCountConfigError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

const anthropicAnswer = z.object({ input_tokens: z.number().int().nonnegative() });
const geminiAnswer = z.object({ totalTokens: z.number().int().nonnegative() });

/** Reason a remote count was not used; becomes the `note` of the fallback estimate. */
class Unavailable extends Error {}

export class ExactTokenCounter {
  /** Created on the first request: axios loads only when a key is used, so counting alone never pays for it. */
  private http: Promise<AxiosInstance> | undefined;
  private readonly cache = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<number>>();
  private readonly blockedUntil: Record<ExactCountProvider, number> = { anthropic: 0, google: 0 };
  private readonly now: () => number;
  private readonly baseUrls: Record<ExactCountProvider, string>;

  constructor(private readonly config: ExactCountConfig) {
    const checked = configSchema.safeParse(config);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new ExactCountConfigError(issue.path.join('.'), issue.message);
    }
    this.baseUrls = {
      anthropic: normalBaseUrl(config.anthropicBaseUrl ?? officialBaseUrls.anthropic),
      google: normalBaseUrl(config.geminiBaseUrl ?? officialBaseUrls.google),
    };
    this.now = config.now ?? Date.now;
  }

  /** Tokens of `text` sent as one user message. */
  countText(text: string, model: string, options: ResolveOptions = {}): Promise<TokenCount> {
    return this.count(
      model,
      options,
      () => countTokens(text, model, options),
      (provider) =>
        provider === 'anthropic'
          ? { model, messages: [{ role: 'user', content: text }] }
          : { contents: [{ role: 'user', parts: [{ text }] }] },
    );
  }

  /** Tokens of a whole chat request; Anthropic counts requests in its own shape, Gemini text-only conversations. */
  countRequest(request: unknown, model?: string, options: ResolveOptions = {}): Promise<TokenCount> {
    const local = countChatRequest(request, model, options);
    return this.count(
      local.total.model,
      options,
      () => local.total,
      (provider) => {
        const r = request as Record<string, unknown>;
        if (provider === 'anthropic') {
          if (local.shape !== 'anthropic')
            throw new Unavailable('count_tokens takes requests in Anthropic Messages shape only');
          return {
            model: local.total.model,
            messages: r.messages,
            ...(r.system !== undefined ? { system: r.system } : {}),
            ...(r.tools !== undefined ? { tools: r.tools } : {}),
          };
        }
        return geminiRequest(local.shape, r);
      },
    );
  }

  /** The provider whose API counts `model` exactly, if it is one this counter can ask. */
  static providerOf(model: string, options: ResolveOptions = {}): ExactCountProvider | undefined {
    const { provider } = resolveTokenizer(model, options);
    return provider === 'anthropic' || provider === 'google' ? provider : undefined;
  }

  private async count(
    model: string,
    options: ResolveOptions,
    estimate: () => TokenCount,
    body: (provider: ExactCountProvider) => unknown,
  ): Promise<TokenCount> {
    const local = estimate();
    const provider = ExactTokenCounter.providerOf(model, options);
    if (!provider) return local;
    const key = provider === 'anthropic' ? this.config.anthropicApiKey : this.config.geminiApiKey;
    if (!key) return local;
    const label = provider === 'anthropic' ? "Anthropic's count_tokens" : "Gemini's countTokens";
    try {
      const payload = body(provider);
      const tokens = await this.remote(provider, model, key, payload);
      return {
        tokens,
        exact: true,
        low: tokens,
        high: tokens,
        encoding: local.encoding,
        model,
        note: `Exact count from ${label}.`,
      };
    } catch (error) {
      const reason = error instanceof Unavailable ? error.message : `request failed: ${(error as Error).message}`;
      return {
        ...local,
        note: `Exact count unavailable (${label}: ${reason}); showing the estimate. ${local.note ?? ''}`.trim(),
      };
    }
  }

  private async remote(provider: ExactCountProvider, model: string, key: string, payload: unknown): Promise<number> {
    const id = `${provider}\n${model}\n${JSON.stringify(payload)}`;
    const hash = fnv1a64(id);
    const cached = this.cache.get(hash);
    if (cached !== undefined) return cached;
    const pending = this.inFlight.get(hash);
    if (pending) return pending;
    const wait = this.blockedUntil[provider] - this.now();
    if (wait > 0) throw new Unavailable(`rate-limited, retrying after ${Math.ceil(wait / 1000)} s`);
    const request = this.post(provider, model, key, payload).finally(() => this.inFlight.delete(hash));
    this.inFlight.set(hash, request);
    const tokens = await request;
    this.cache.set(hash, tokens);
    if (this.cache.size > (this.config.cacheSize ?? 500)) this.cache.delete(this.cache.keys().next().value!);
    return tokens;
  }

  private client(): Promise<AxiosInstance> {
    // fetch everywhere (Node, the desktop host, web workers), and no redirect followed: a redirect would carry the
    // key's header to wherever it points.
    this.http ??= import('axios').then(({ default: axios }) =>
      axios.create({
        adapter: 'fetch',
        maxRedirects: 0,
        timeout: this.config.timeoutMs ?? 10_000,
        validateStatus: () => true,
      }),
    );
    return this.http;
  }

  private async post(provider: ExactCountProvider, model: string, key: string, payload: unknown): Promise<number> {
    const http = await this.client();
    const response =
      provider === 'anthropic'
        ? await http.post(`${this.baseUrls.anthropic}/v1/messages/count_tokens`, payload, {
            headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
          })
        : await http.post(`${this.baseUrls.google}/v1beta/models/${encodeURIComponent(model)}:countTokens`, payload, {
            headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
          });
    // A browser's fetch reports a redirect it did not follow as status 0.
    if (response.status === 0 || (response.status >= 300 && response.status < 400)) {
      throw new Unavailable(
        `the API answered with a redirect${response.status ? ` (HTTP ${response.status})` : ''}, which is not followed with the key`,
      );
    }
    if (response.status === 429) {
      const retryAfter = retryAfterMs(response.headers['retry-after'], this.now());
      this.blockedUntil[provider] = this.now() + (retryAfter ?? this.config.defaultBackoffMs ?? 30_000);
      throw new Unavailable(
        `rate-limited (HTTP 429), retrying after ${Math.ceil((this.blockedUntil[provider] - this.now()) / 1000)} s`,
      );
    }
    if (response.status < 200 || response.status >= 300) {
      const message = (response.data as { error?: { message?: string } } | undefined)?.error?.message;
      throw new Unavailable(`HTTP ${response.status}${message ? ` ${message}` : ''}`);
    }
    const parsed =
      provider === 'anthropic' ? anthropicAnswer.safeParse(response.data) : geminiAnswer.safeParse(response.data);
    if (!parsed.success) throw new Unavailable('unexpected response shape');
    return 'input_tokens' in parsed.data ? parsed.data.input_tokens : parsed.data.totalTokens;
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
function retryAfterMs(header: unknown, now: number): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A Gemini generateContentRequest from a text-only OpenAI or Anthropic conversation. */
function geminiRequest(shape: 'openai' | 'anthropic', request: Record<string, unknown>): unknown {
  const textOf = (content: unknown): string => {
    if (typeof content === 'string') return content;
    if (content === null || content === undefined) return '';
    if (!Array.isArray(content) || content.some((part) => (part as { type?: string }).type !== 'text')) {
      throw new Unavailable('only text content is sent to countTokens');
    }
    return content.map((part) => (part as { text: string }).text).join('');
  };
  const messages = request.messages as { role: string; content: unknown }[];
  const system =
    shape === 'anthropic'
      ? textOf(request.system)
      : messages
          .filter((m) => m.role === 'system' || m.role === 'developer')
          .map((m) => textOf(m.content))
          .join('\n');
  const contents = messages
    .filter((m) => m.role !== 'system' && m.role !== 'developer')
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: textOf(m.content) }] }));
  if (request.tools !== undefined || request.functions !== undefined)
    throw new Unavailable('tool definitions are not translated for countTokens');
  return {
    generateContentRequest: { contents, ...(system ? { systemInstruction: { parts: [{ text: system }] } } : {}) },
  };
}

/** 64-bit FNV-1a over UTF-16 code units, as 16 hex digits: a small, dependency-free cache key. */
export function fnv1a64(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    low = (low ^ text.charCodeAt(i)) >>> 0;
    // Multiply by the FNV prime 2^40 + 0x1b3 in 32-bit halves.
    const lowTimes = low * 0x1b3;
    const carry = Math.floor(lowTimes / 0x100000000);
    high = (high * 0x1b3 + (low << 8) + carry) >>> 0;
    low = lowTimes >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}
