// The usage event: one model call (or one provider-reported bucket of calls) in the spend ledger. Token counts
// follow the pricing convention: `inputTokens` counts ALL input, cache reads and writes included, and
// `outputTokens` includes reasoning, so a cost can be computed from an event without knowing its source.
import { z } from 'zod';

/**
 * The most one event may count of any kind of token (and of calls): 10^10, a thousand times the largest context
 * window, with room for a provider's hourly bucket of many calls. Far below 2^53, so no single event nears the end of
 * exact numbers; totals are added exactly (addExact) on top.
 */
export const MAX_EVENT_TOKENS = 10_000_000_000;
/** The most one event may cost: $1,000,000 in nano-dollars, reported or priced. */
export const MAX_EVENT_COST_NANOS = 1_000_000_000_000_000;

const tokens = z
  .number()
  .int('must be a whole number of tokens')
  .nonnegative('must not be negative')
  .max(MAX_EVENT_TOKENS, `must be at most ${MAX_EVENT_TOKENS.toLocaleString('en-US')} in one event`);
/** A count that passed its own check (the cross-field checks run even when one did not). */
const counted = (value: number) => Number.isInteger(value) && value >= 0;
const label = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
/** The longest prompt id accepted: room for a deep path plus the enclosing names. */
export const MAX_PROMPT_ID_LENGTH = 512;
/**
 * A prompt id as the audit prints it (`src/triage.ts#triageTicket`, or a prompt file's front-matter name). Control,
 * invisible and text-direction characters are refused: an id is shown in Slack, terminals and file links, where they
 * could forge or hide text.
 */
export const promptIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_PROMPT_ID_LENGTH, `must be at most ${MAX_PROMPT_ID_LENGTH} characters`)
  .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'must not contain control characters')
  .regex(
    /^[^\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]*$/,
    'must not contain invisible or text-direction characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF)',
  );

export const usageEventSchema = z
  .object({
    /** Unique per event; re-sending an id never counts twice. */
    id: label,
    /** When the call happened (ISO 8601 with offset or Z). */
    time: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-11-22T10:15:00Z' })
      .transform((text) => Date.parse(text)),
    provider: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'must not be empty')
      .max(64)
      .regex(/^[a-z0-9._-]+$/, 'must be a provider name such as openai'),
    model: label,
    inputTokens: tokens,
    cacheReadTokens: tokens.default(0),
    cacheWriteTokens: tokens.default(0),
    /** The part of `cacheWriteTokens` written with a one-hour lifetime (priced higher by some providers). */
    cacheWrite1hTokens: tokens.default(0),
    outputTokens: tokens,
    reasoningTokens: tokens.default(0),
    /** Model calls this event covers: 1 for one call; a provider's usage report gives a bucket's count (0 if unknown). */
    requests: tokens.default(1),
    /** The cost as the source reported it, in nano-USD; computed from the price table when absent. */
    costNanos: z
      .number()
      .int('must be whole nano-dollars')
      .nonnegative()
      .max(
        MAX_EVENT_COST_NANOS,
        `must be at most ${MAX_EVENT_COST_NANOS.toLocaleString('en-US')} ($1,000,000) in one event`,
      )
      .optional(),
    user: label.optional(),
    team: label.optional(),
    app: label.optional(),
    environment: label.optional(),
    session: label.optional(),
    requestId: label.optional(),
    /** The prompt id the audit gives the call's prompt, so spend can be traced back to the code. */
    prompt: promptIdSchema.optional(),
    tags: z.array(z.string().trim().min(1).max(100)).max(32, 'at most 32 tags').default([]),
  })
  .strict()
  // A check on the parse payload rather than superRefine, which attaches a new addIssue closure to every row's payload.
  .check((payload) => {
    const event = payload.value;
    // Each check only compares counts that are themselves valid, so one bad field gives one error.
    if (
      counted(event.inputTokens) &&
      counted(event.cacheReadTokens) &&
      counted(event.cacheWriteTokens) &&
      event.cacheReadTokens + event.cacheWriteTokens > event.inputTokens
    ) {
      payload.issues.push({
        code: 'custom',
        path: ['inputTokens'],
        message: 'must include cacheReadTokens and cacheWriteTokens (it counts all input)',
        input: event,
        continue: true,
      });
    }
    if (
      counted(event.cacheWrite1hTokens) &&
      counted(event.cacheWriteTokens) &&
      event.cacheWrite1hTokens > event.cacheWriteTokens
    ) {
      payload.issues.push({
        code: 'custom',
        path: ['cacheWrite1hTokens'],
        message: 'must not exceed cacheWriteTokens',
        input: event,
        continue: true,
      });
    }
    if (counted(event.reasoningTokens) && counted(event.outputTokens) && event.reasoningTokens > event.outputTokens) {
      payload.issues.push({
        code: 'custom',
        path: ['reasoningTokens'],
        message: 'must not exceed outputTokens (it counts all output)',
        input: event,
        continue: true,
      });
    }
  });

/** An event as a source sends it (before defaults and checks). */
export type UsageEventInput = z.input<typeof usageEventSchema>;
/** A checked event; `time` is epoch milliseconds. */
export type UsageEvent = z.output<typeof usageEventSchema>;

export interface RowError {
  /** 0-based position of the row in the batch. */
  row: number;
  /** Dotted path of the offending field, or '' for the row as a whole. */
  field: string;
  message: string;
}

export type BatchResult = { ok: true; events: UsageEvent[] } | { ok: false; errors: RowError[] };

/**
 * Checks every row of a batch and reports every problem of every row, so a sender can fix them all at once.
 * Rows repeating an id are not errors: like a retried batch, they count once.
 */
export function parseUsageBatch(rows: readonly unknown[]): BatchResult {
  const events: UsageEvent[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    const result = usageEventSchema.safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues)
        errors.push({ row: index, field: issue.path.join('.'), message: issue.message });
      return;
    }
    events.push(result.data);
  });
  return errors.length ? { ok: false, errors } : { ok: true, events };
}

/** Input tokens that were neither read from nor written to a cache. */
export function uncachedInputTokens(
  event: Pick<UsageEvent, 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>,
): number {
  return event.inputTokens - event.cacheReadTokens - event.cacheWriteTokens;
}
