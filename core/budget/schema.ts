// zod schemas for budgets, grants and quota requests where they cross a boundary (policy file, Slack, HTTP, store).
import { z } from 'zod';
import { parseAmount, type BudgetUnit } from './amount';
import { dayNumber, parseDate } from './calendar';
import { endOfLocalDay } from './period';
import type { Budget, Grant } from './quota';
import { BudgetError, isTimeZone, localDate } from './zone';

export const timeZoneSchema = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London');

const label = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const quantity = z
  .number()
  .int('must be a whole number (tokens, or nano-dollars for usd)')
  .positive('must be more than zero')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');
const percent = z.number('must be a percentage').positive('must be more than 0 %').max(1000, 'must be at most 1000 %');
const unit = z.enum(['tokens', 'usd'], 'must be tokens or usd');

const common = {
  scope: z.enum(
    ['organization', 'team', 'user', 'environment', 'app'],
    'must be organization, team, user, environment or app',
  ),
  subject: label,
  period: z.enum(['day', 'week', 'month'], 'must be day, week or month'),
  /** Percentages of the quota that raise an alert; kept ascending and distinct. */
  thresholds: z
    .array(percent)
    .max(10, 'at most 10 thresholds')
    .default([50, 80, 100])
    .transform((values) => [...new Set(values)].sort((a, b) => a - b)),
  /** Percentage of the quota past which requests are denied; null to only alert. */
  hardCapPercent: percent.nullable().default(100),
};

/** A budget as stored: the limit in whole tokens or nano-dollars. */
export const budgetSchema = z.object({ ...common, unit, limit: quantity }).strict() satisfies z.ZodType<Budget>;

/** Parses `$500` / `2M tokens`, reporting a bad amount as an issue at `path`. */
function readAmount(
  text: string | number,
  fallback: BudgetUnit | undefined,
  context: z.RefinementCtx,
  path: PropertyKey[],
) {
  try {
    return parseAmount(String(text), fallback);
  } catch (error) {
    context.addIssue({ code: 'custom', path, message: error instanceof BudgetError ? error.message : String(error) });
    return z.NEVER;
  }
}

const writtenAmount = z.union([z.string(), z.number()], 'must be an amount such as $500 or 2M tokens');

/** A budget as people write it (`/tokens budget set`, admin forms): the amount as `$500` or `2M tokens`. */
export const budgetInputSchema = z
  .object({ ...common, amount: writtenAmount.transform((text, context) => readAmount(text, undefined, context, [])) })
  .strict()
  .transform(({ amount, ...rest }): Budget => ({ ...rest, unit: amount.unit, limit: amount.amount }));

const instant = z.coerce.date('must be a date-time');

export const grantSchema = z
  .object({ amount: quantity, approvedAt: instant, expiresAt: instant.nullable().optional() })
  .strict()
  .superRefine((grant, context) => {
    if (grant.expiresAt && grant.expiresAt <= grant.approvedAt) {
      context.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after approvedAt' });
    }
  }) satisfies z.ZodType<Grant>;

export interface QuotaRequestContext {
  now: Date;
  timeZone: string;
}

export interface QuotaRequest {
  team: string;
  unit: BudgetUnit;
  amount: number;
  /** The last local day of a temporary increase (`YYYY-MM-DD`); null when permanent. */
  until: string | null;
  /** When a temporary increase ends: the end of `until` in the organisation's time zone. */
  expiresAt: Date | null;
  reason: string;
}

const MAX_TEMPORARY_DAYS = 366;

/**
 * A quota request from the modal or inline arguments. Field paths match the input's keys, so each issue can be
 * shown on its field. `until` is inclusive and must be today or later (and within a year) in the organisation's
 * time zone; a bare amount takes `unit`.
 */
export function quotaRequestSchema({ now, timeZone }: QuotaRequestContext) {
  const today = dayNumber(localDate(now.getTime(), timeZone));
  // Field checks that need no other field run first, so a form shows every field's error at once.
  // The unit of a bare number comes from the `unit` field, so here only the syntax is checked.
  const amount = writtenAmount.superRefine((text, context) => void readAmount(text, 'tokens', context, []));
  const until = z
    .string()
    .trim()
    .superRefine((value, context) => {
      const date = parseDate(value);
      if (!date) return context.addIssue({ code: 'custom', message: 'must be a calendar date written YYYY-MM-DD' });
      const days = dayNumber(date) - today;
      if (days < 0) context.addIssue({ code: 'custom', message: 'must be today or later' });
      if (days > MAX_TEMPORARY_DAYS)
        context.addIssue({ code: 'custom', message: 'must be within a year; ask for a permanent increase instead' });
    });
  return z
    .object({
      team: label,
      amount,
      unit: unit.optional(),
      duration: z.enum(['permanent', 'temporary'], 'must be permanent or temporary'),
      until: until.optional(),
      reason: z
        .string()
        .trim()
        .min(1, 'please say why the increase is needed')
        .max(1000, 'must be at most 1000 characters'),
    })
    .strict()
    .transform((request, context): QuotaRequest => {
      const parsed = readAmount(request.amount, request.unit, context, ['amount']);
      if (request.duration === 'permanent' && request.until) {
        context.addIssue({ code: 'custom', path: ['until'], message: 'only a temporary increase has an end date' });
      }
      if (request.duration === 'temporary' && !request.until) {
        context.addIssue({ code: 'custom', path: ['until'], message: 'a temporary increase needs an end date' });
      }
      const expiresAt =
        request.duration === 'temporary' && request.until ? endOfLocalDay(request.until, timeZone) : null;
      return {
        team: request.team,
        ...parsed,
        until: expiresAt ? request.until! : null,
        expiresAt,
        reason: request.reason,
      };
    });
}
