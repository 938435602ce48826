// OpenAI Usage API: GET /v1/organization/usage/completions in hourly buckets grouped by project, user, API key,
// model and batch, page by page (next_page), each page stored with the pull cursor (bucket.ts pullWindow).
import { z } from 'zod';
import { usageEventSchema } from '../../core';
import type { BotContext } from '../context';
import { toLedgerEvent } from '../ledger';
import type { LedgerEvent } from '../store/store';
import { bucketEventId, parsePage, pullWindow, teamFor } from './bucket';
import { createClient, getWithRetry, type RetryOptions } from '../outbound';

const SOURCE = 'openai';
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
      start_time: z.number().int(),
      end_time: z.number().int(),
      results: z.array(
        z.object({
          input_tokens: count,
          output_tokens: count,
          input_cached_tokens: count,
          num_model_requests: count,
          project_id: id,
          user_id: id,
          api_key_id: id,
          model: id,
          batch: z.boolean().nullish(),
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullish(),
});

export type OpenAIUsagePage = z.infer<typeof pageSchema>;

export async function pullOpenAI(bot: BotContext, retry: RetryOptions): Promise<number> {
  const settings = bot.config.pulls.openai;
  if (!settings) return 0;
  const client = createClient(settings.baseUrl, { authorization: `Bearer ${settings.adminKey}` });
  return pullWindow(bot, SOURCE, async (start, end, page) => {
    const params: Record<string, unknown> = {
      start_time: start,
      end_time: end,
      bucket_width: '1h',
      group_by: ['project_id', 'user_id', 'api_key_id', 'model', 'batch'],
      limit: 168,
      ...(page ? { page } : {}),
    };
    const response = await getWithRetry<unknown>(client, '/v1/organization/usage/completions', params, retry);
    const data = parsePage(pageSchema, response.data, 'OpenAI');
    const events: LedgerEvent[] = [];
    let last = start;
    for (const bucket of data.data) {
      last = Math.max(last, bucket.end_time);
      for (const r of bucket.results) {
        if (r.input_tokens + r.output_tokens === 0) continue;
        const team = teamFor(bot.config.pulls.teamMap, r.project_id, r.api_key_id);
        const tags = [
          r.project_id && `project:${r.project_id}`,
          r.api_key_id && `api_key:${r.api_key_id}`,
          r.batch ? 'batch' : undefined,
        ].filter((tag): tag is string => !!tag);
        const event = usageEventSchema.parse({
          id: bucketEventId(SOURCE, bucket.start_time, [r.project_id, r.user_id, r.api_key_id, r.model, r.batch]),
          time: new Date(bucket.start_time * 1000).toISOString(),
          provider: 'openai',
          model: r.model ?? 'unknown',
          requests: r.num_model_requests,
          inputTokens: Math.max(r.input_tokens, r.input_cached_tokens),
          cacheReadTokens: r.input_cached_tokens,
          outputTokens: r.output_tokens,
          ...(r.user_id ? { user: r.user_id } : {}),
          ...(team ? { team } : {}),
          ...(r.project_id ? { app: r.project_id } : {}),
          tags,
        });
        events.push(
          toLedgerEvent(event, {
            source: SOURCE,
            timeZone: bot.timeZone,
            customModels: bot.policy.customModels,
            mode: r.batch ? 'batch' : undefined,
          }),
        );
      }
    }
    return { events, last, ...(data.has_more && data.next_page ? { next: data.next_page } : {}) };
  });
}
