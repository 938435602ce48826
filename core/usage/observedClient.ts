// The reader of the bot's read API (`GET /v1/usage/prompts`): what each prompt id really cost, as a volume source for
// the audit and the diff, and as words beside an estimate. Pure: fetch is the platform's (Node 20, browsers, web
// workers); nothing but the app name and the window's dates goes out with the read token.
import type { VolumeLookup } from '../audit';
import { endpointProblem } from '../endpoint';
import { DAYS_PER_MONTH, formatUsd, type Nanos } from '../pricing';
import { observedUsageSchema, type ObservedPrompt, type ObservedUsage } from './observed';

/** The read API's path under the server's URL. */
export const observedUsagePath = 'v1/usage/prompts';

export interface ObservedUsageRequest {
  /** The tokenwise server (the Slack bot), e.g. `https://tokenwise.example.com`; a path prefix is kept. */
  url: string;
  /** The read token (the bot's `READ_TOKEN`), sent as a bearer token. */
  token: string;
  /** Only this app's calls; all apps when unset. */
  app?: string;
  /** First and last day of the window (YYYY-MM-DD); the server's default window when unset. */
  from?: string;
  to?: string;
  /** How long to wait for the answer; default 10 s. */
  timeoutMs?: number;
}

export type ObservedUsageProblem = 'bad-url' | 'unreachable' | 'unauthorized' | 'off' | 'refused' | 'bad-answer';

/** Why observed usage could not be read, worded for the person who configured the server. */
export class ObservedUsageError extends Error {
  override name = 'ObservedUsageError';
  constructor(
    readonly problem: ObservedUsageProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Why `value` may not be a tokenwise server URL, or undefined when it may. The read token goes with every request, so
 * the way there must be encrypted (https), except to a server on this machine itself.
 */
export function serverUrlProblem(value: string): string | undefined {
  return endpointProblem(value, {
    example: 'https://tokenwise.example.com',
    local: 'a server',
    secret: 'the token has its own header',
    queryWhy: '',
  });
}

/** The read API's address for a request: the server URL (a path prefix kept) + `/v1/usage/prompts` + the query. */
export function observedUsageUrl(request: Pick<ObservedUsageRequest, 'url' | 'app' | 'from' | 'to'>): string {
  const base = new URL(request.url);
  const path = base.pathname.replace(/\/+$/, '');
  base.pathname = path.endsWith(`/${observedUsagePath}`) ? path : `${path}/${observedUsagePath}`;
  for (const key of ['app', 'from', 'to'] as const) {
    const value = request[key];
    if (value !== undefined && value !== '') base.searchParams.set(key, value);
  }
  return base.toString();
}

/** Reads observed usage per prompt id from the server, checked against the read API's schema. */
export async function fetchObservedUsage(request: ObservedUsageRequest): Promise<ObservedUsage> {
  const problem = serverUrlProblem(request.url);
  if (problem) throw new ObservedUsageError('bad-url', `tokenwise server URL ${request.url}: ${problem}`);
  const address = observedUsageUrl(request);
  const timeoutMs = request.timeoutMs ?? 10_000;
  let response: Response;
  try {
    response = await fetch(address, {
      headers: { authorization: `Bearer ${request.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error', // the token must not follow a redirect to another host
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = error instanceof Error ? causeOf(error) : String(error);
    throw new ObservedUsageError(
      'unreachable',
      timedOut
        ? `the tokenwise server at ${request.url} did not answer within ${timeoutMs / 1000} s`
        : `cannot reach the tokenwise server at ${request.url} (${cause})`,
    );
  }
  const body = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403)
    throw new ObservedUsageError(
      'unauthorized',
      `the tokenwise server at ${request.url} refused the read token (HTTP ${response.status}); use the bot's READ_TOKEN`,
    );
  if (response.status === 404)
    throw new ObservedUsageError(
      'off',
      `the read API is off on the tokenwise server at ${request.url} (HTTP 404 for /${observedUsagePath}); the bot serves it once READ_TOKEN is set`,
    );
  if (!response.ok)
    throw new ObservedUsageError(
      'refused',
      `the tokenwise server at ${request.url} answered HTTP ${response.status}${errorText(body)}`,
    );
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ObservedUsageError('bad-answer', `the tokenwise server at ${request.url} did not answer with JSON`);
  }
  const parsed = observedUsageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ObservedUsageError(
      'bad-answer',
      `the tokenwise server at ${request.url} gave an answer this version cannot read: ${issue.path.join('.') || '(the answer)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.message;
  return error.message;
}

/** The server's own words for a refusal (`{ error: … }`), shortened. */
function errorText(body: string): string {
  try {
    const error = (JSON.parse(body) as { error?: unknown }).error;
    if (typeof error === 'string' && error !== '') return `: ${error.slice(0, 300)}`;
  } catch {
    // not JSON: the status says enough
  }
  return '';
}

/** The window's words: `last 7 days`. */
export function observedWindowLabel(usage: Pick<ObservedUsage, 'days'>): string {
  return `last ${usage.days} day${usage.days === 1 ? '' : 's'}`;
}

/** Observed usage by prompt id, as the audit's volume source: prompts with traffic only, so the others keep theirs. */
export interface ObservedVolumes extends VolumeLookup {
  /** `last 7 days`: said wherever a figure rests on these volumes. */
  readonly window: string;
  /** The prompt's observed record, when it had traffic in the window. */
  of(promptId: string): ObservedPrompt | undefined;
}

export function observedVolumes(usage: ObservedUsage): ObservedVolumes {
  const byId = new Map<string, ObservedPrompt>();
  for (const prompt of usage.prompts) if (prompt.calls > 0) byId.set(prompt.prompt, prompt);
  return {
    window: observedWindowLabel(usage),
    of: (promptId) => byId.get(promptId),
    callsPerDay: (promptId) => byId.get(promptId)?.callsPerDay,
  };
}

/** What the prompt really cost per month at the window's pace, in nano-dollars. */
export function observedMonthlyCost(prompt: ObservedPrompt, usage: Pick<ObservedUsage, 'days'>): Nanos {
  return Math.round((prompt.costNanos / usage.days) * DAYS_PER_MONTH);
}

/** What one observed call cost on average, in nano-dollars; undefined with no calls. */
export function observedCostPerCall(prompt: ObservedPrompt): number | undefined {
  return prompt.calls > 0 ? prompt.costNanos / prompt.calls : undefined;
}

/** 18,240 → `18.2k`, 1,500,000 → `1.5M`, 12.25 → `12.3`. */
function callsText(perDay: number): string {
  const trim = (value: number) => String(Math.round(value * 10) / 10);
  if (perDay >= 1_000_000) return `${trim(perDay / 1_000_000)}M`;
  if (perDay >= 1_000) return `${trim(perDay / 1_000)}k`;
  return trim(perDay);
}

/** `observed: 18.2k calls/day, $1,930/month (last 7 days)`. */
export function observedLabel(prompt: ObservedPrompt, usage: Pick<ObservedUsage, 'days'>): string {
  return `observed: ${callsText(prompt.callsPerDay)} calls/day, ${formatUsd(observedMonthlyCost(prompt, usage))}/month (${observedWindowLabel(usage)})`;
}

/** How far apart an estimate and an observation may be before they are flagged: a factor of 2 either way. */
export const mismatchFactor = 2;

export interface CostMismatch {
  /** The estimate's cost of one call (tokens × price), in nano-dollars. */
  estimatedPerCall: number;
  /** The ledger's cost of the prompt over the window ÷ its calls: what one call really cost on average. */
  observedPerCall: number;
  /** observed ÷ estimated (Infinity when the estimate is 0). */
  ratio: number;
  /** `observed $0.0042/call is 3.1× the estimate ($0.0013/call)`. */
  label: string;
}

/**
 * Flags a prompt whose estimated cost per call and observed cost per call differ by more than `mismatchFactor`
 * either way: the estimate's assumptions (tokens of the variables, output length, model) are wrong, or the prompt in
 * the code is not what runs. Per call, so the volume (observed or assumed) plays no part. Undefined when they agree,
 * or when either side is missing (no price, no calls).
 */
export function costMismatch(estimatedPerCall: Nanos | undefined, prompt: ObservedPrompt): CostMismatch | undefined {
  const observedPerCall = observedCostPerCall(prompt);
  if (estimatedPerCall === undefined || observedPerCall === undefined) return undefined;
  if (estimatedPerCall === 0 && observedPerCall === 0) return undefined;
  const ratio = estimatedPerCall === 0 ? Number.POSITIVE_INFINITY : observedPerCall / estimatedPerCall;
  if (ratio <= mismatchFactor && ratio >= 1 / mismatchFactor) return undefined;
  const observed = `observed ${formatUsd(Math.round(observedPerCall))}/call`;
  const estimate = `the estimate (${formatUsd(estimatedPerCall)}/call)`;
  const label =
    ratio >= 1
      ? `${observed} is ${Number.isFinite(ratio) ? `${trimRatio(ratio)}×` : 'far above'} ${estimate}`
      : `${observed} is 1/${trimRatio(1 / ratio)} of ${estimate}`;
  return { estimatedPerCall, observedPerCall, ratio, label };
}

function trimRatio(ratio: number): string {
  return ratio >= 10 ? String(Math.round(ratio)) : String(Math.round(ratio * 10) / 10);
}
