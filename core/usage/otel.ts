// Usage events from OpenTelemetry GenAI spans (semantic conventions, gen_ai.* attributes). The mapping is
// documented in docs/usage-mapping.md; keep the two in step.
import type { UsageEventInput } from './event';

export type OtelAttributes = Readonly<Record<string, unknown>>;

export interface OtelSpanContext {
  traceId: string;
  spanId: string;
  /** Span end time, epoch ms. */
  endTimeMs: number;
  /** Resource attributes (service.name, deployment.environment.name…), read after the span's own. */
  resource?: OtelAttributes;
}

/** `gen_ai.provider.name` values (and the older `gen_ai.system`) that name a provider differently from us. */
const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  'aws.bedrock': 'bedrock',
  'az.ai.openai': 'azure',
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'gcp.gemini': 'google',
  'gcp.gen_ai': 'google',
  'gcp.vertex_ai': 'google',
  gemini: 'google',
  vertex_ai: 'google',
  x_ai: 'xai',
  mistral_ai: 'mistral',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** OTLP JSON carries 64-bit ints as strings; SDK attribute maps carry numbers. */
function count(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The usage event a GenAI client span describes, or undefined when the span reports no token usage. */
export function usageEventFromOtel(attributes: OtelAttributes, span: OtelSpanContext): UsageEventInput | undefined {
  const input = count(attributes['gen_ai.usage.input_tokens']);
  const output = count(attributes['gen_ai.usage.output_tokens']);
  if (input === undefined && output === undefined) return undefined;
  const read = (key: string) => text(attributes[key]) ?? text(span.resource?.[key]);
  const rawProvider = (read('gen_ai.provider.name') ?? read('gen_ai.system') ?? 'unknown').toLowerCase();
  const model = read('gen_ai.response.model') ?? read('gen_ai.request.model') ?? 'unknown';
  const event: UsageEventInput = {
    id: `otel:${span.traceId}:${span.spanId}`,
    time: new Date(span.endTimeMs).toISOString(),
    provider: PROVIDER_NAMES[rawProvider] ?? rawProvider,
    model,
    inputTokens: input ?? 0,
    cacheReadTokens: count(attributes['gen_ai.usage.cache_read.input_tokens']) ?? 0,
    cacheWriteTokens: count(attributes['gen_ai.usage.cache_creation.input_tokens']) ?? 0,
    outputTokens: output ?? 0,
    reasoningTokens: count(attributes['gen_ai.usage.reasoning.output_tokens']) ?? 0,
  };
  const optional: Array<[keyof UsageEventInput, string | undefined]> = [
    ['user', read('user.id') ?? read('enduser.id')],
    ['team', read('tokenwise.team')],
    ['app', read('tokenwise.app') ?? read('service.name')],
    ['environment', read('deployment.environment.name') ?? read('deployment.environment')],
    ['session', read('gen_ai.conversation.id') ?? read('session.id')],
    ['requestId', read('gen_ai.response.id')],
    ['prompt', read('gen_ai.prompt.name')],
  ];
  for (const [key, value] of optional) if (value !== undefined) (event as Record<string, unknown>)[key] = value;
  return event;
}
