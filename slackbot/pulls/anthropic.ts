// Anthropic Admin API usage report: GET /v1/organizations/usage_report/messages in hourly buckets grouped by
// model, workspace and API key, page by page (next_page), each page stored with the pull cursor (bucket.ts pullWindow).
import { z } from 'zod';
import { usageEventSchema } from '../../core';
import type { BotContext } from '../context';
import { toLedgerEvent } from '../ledger';
import type { LedgerEvent } from '../store/store';
import { bucketEventId, parsePage, pullWindow, teamFor } from './bucket';
import { createClient, getWithRetry, type RetryOptions } from '../outbound';

const SOURCE = 'anthropic';
const count = z
  .number()
  .int()
  .nonnegative()
  .nullish()
  .transform((value) => value ?? 0);
const id = z.string().nullish();

const pageSchema = z.object({
  data: z.array(
    z.object({
      starting_at: z.string(),
      ending_at: z.string(),
      results: z.array(
        z.object({
          uncached_input_tokens: count,
          cache_read_input_tokens: count,
          cache_creation: z.object({ ephemeral_1h_input_tokens: count, ephemeral_5m_input_tokens: count }).nullish(),
          output_tokens: count,
          model: id,
          workspace_id: id,
          api_key_id: id,
          service_tier: id,
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullish(),
});

export type AnthropicUsagePage = z.infer<typeof pageSchema>;

export async function pullAnthropic(bot: BotContext, retry: RetryOptions): Promise<number> {
  const settings = bot.config.pulls.anthropic;
  if (!settings) return 0;
  const client = createClient(settings.baseUrl, { 'x-api-key': settings.adminKey, 'anthropic-version': '2023-06-01' });
  return pullWindow(bot, SOURCE, async (start, end, page) => {
    const params: Record<string, unknown> = {
      starting_at: new Date(start * 1000).toISOString(),
      ending_at: new Date(end * 1000).toISOString(),
      bucket_width: '1h',
      group_by: ['model', 'workspace_id', 'api_key_id', 'service_tier'],
      limit: 168,
      ...(page ? { page } : {}),
    };
    const response = await getWithRetry<unknown>(client, '/v1/organizations/usage_report/messages', params, retry);
    const data = parsePage(pageSchema, response.data, 'Anthropic');
    const events: LedgerEvent[] = [];
    let last = start;
    for (const bucket of data.data) {
      const bucketStart = Math.floor(Date.parse(bucket.starting_at) / 1000);
      last = Math.max(last, Math.floor(Date.parse(bucket.ending_at) / 1000));
      for (const r of bucket.results) {
        const write1h = r.cache_creation?.ephemeral_1h_input_tokens ?? 0;
        const write = write1h + (r.cache_creation?.ephemeral_5m_input_tokens ?? 0);
        const input = r.uncached_input_tokens + r.cache_read_input_tokens + write;
        if (input + r.output_tokens === 0) continue;
        const team = teamFor(bot.config.pulls.teamMap, r.workspace_id, r.api_key_id);
        const tags = [
          r.workspace_id && `workspace:${r.workspace_id}`,
          r.api_key_id && `api_key:${r.api_key_id}`,
          r.service_tier && `tier:${r.service_tier}`,
        ].filter((tag): tag is string => !!tag);
        const event = usageEventSchema.parse({
          id: bucketEventId(SOURCE, bucketStart, [r.model, r.workspace_id, r.api_key_id, r.service_tier]),
          time: new Date(bucketStart * 1000).toISOString(),
          provider: 'anthropic',
          model: r.model ?? 'unknown',
          // The report gives tokens, not calls.
          requests: 0,
          inputTokens: input,
          cacheReadTokens: r.cache_read_input_tokens,
          cacheWriteTokens: write,
          cacheWrite1hTokens: write1h,
          outputTokens: r.output_tokens,
          ...(team ? { team } : {}),
          ...(r.workspace_id ? { app: r.workspace_id } : {}),
          tags,
        });
        events.push(
          toLedgerEvent(event, {
            source: SOURCE,
            timeZone: bot.timeZone,
            customModels: bot.policy.customModels,
            mode: r.service_tier === 'batch' ? 'batch' : undefined,
          }),
        );
      }
    }
    return { events, last, ...(data.has_more && data.next_page ? { next: data.next_page } : {}) };
  });
}
