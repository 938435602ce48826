// Usage events from LiteLLM spend-log rows (the proxy's LiteLLM_SpendLogs table, its /spend/logs API and its
// spend-log callbacks). The mapping is documented in docs/usage-mapping.md; keep the two in step.
import type { UsageEventInput } from './event';

export interface LiteLLMSpendLog {
  request_id: string;
  startTime: string;
  model: string;
  /** USD, as a float. */
  spend?: number | null;
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  custom_llm_provider?: string | null;
  user?: string | null;
  end_user?: string | null;
  team_id?: string | null;
  session_id?: string | null;
  request_tags?: unknown;
  metadata?: Readonly<Record<string, unknown>> | null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function number(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** LiteLLM keeps `request_tags` as a JSON list, sometimes serialised to a string. */
function tags(value: unknown): string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(list)
    ? list.filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '').slice(0, 32)
    : [];
}

/** Strips LiteLLM's `provider/` routing prefix (`anthropic/claude-sonnet-4-5`) from a model id. */
function modelAndProvider(model: string, provider: string | undefined): { model: string; provider: string } {
  const slash = model.indexOf('/');
  if (slash > 0 && (provider === undefined || model.slice(0, slash) === provider)) {
    return { provider: provider ?? model.slice(0, slash).toLowerCase(), model: model.slice(slash + 1) };
  }
  return { provider: provider ?? 'unknown', model };
}

export function usageEventFromLiteLLM(row: LiteLLMSpendLog): UsageEventInput {
  const metadata = record(row.metadata);
  const usage = record(metadata.usage_object);
  const promptDetails = record(usage.prompt_tokens_details);
  const completionDetails = record(usage.completion_tokens_details);
  const cacheRead = number(usage.cache_read_input_tokens) || number(promptDetails.cached_tokens);
  const cacheWrite = number(usage.cache_creation_input_tokens);
  const names = modelAndProvider(row.model, text(row.custom_llm_provider)?.toLowerCase());
  const event: UsageEventInput = {
    id: `litellm:${row.request_id}`,
    time: new Date(row.startTime).toISOString(),
    provider: names.provider,
    model: names.model,
    // LiteLLM reports prompt_tokens the OpenAI way (all input, cache included); older rows from some providers
    // left cache tokens out, hence the max.
    inputTokens: Math.max(number(row.prompt_tokens), cacheRead + cacheWrite),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: number(row.completion_tokens),
    reasoningTokens: number(completionDetails.reasoning_tokens),
    requestId: row.request_id,
    tags: tags(row.request_tags),
  };
  if (typeof row.spend === 'number' && Number.isFinite(row.spend) && row.spend >= 0)
    event.costNanos = Math.round(row.spend * 1e9);
  const optional: Array<[keyof UsageEventInput, string | undefined]> = [
    ['user', text(row.user) ?? text(metadata.user_api_key_user_id) ?? text(row.end_user)],
    ['team', text(metadata.user_api_key_team_alias) ?? text(row.team_id)],
    ['app', text(metadata.user_api_key_alias)],
    ['session', text(row.session_id)],
    // Apps tag a call through the proxy with `metadata: { spend_logs_metadata: { tokenwise_prompt: ID } }`.
    ['prompt', text(record(metadata.spend_logs_metadata).tokenwise_prompt)],
  ];
  for (const [key, value] of optional) if (value !== undefined) (event as Record<string, unknown>)[key] = value;
  return event;
}
