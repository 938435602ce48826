// The team policy file (`tokenwise.config.json` / `.yaml`): one zod schema that validates the file, types the
// parsed policy, and generates the published JSON Schema (`npm run schema`) so editors autocomplete the file.
import { z } from 'zod';
import type { CustomModelPrice } from '../pricing';
import { globProblem } from './glob';

/** A type error's message; a field left out entirely is reported as missing rather than as the wrong type. */
function need(message: string) {
  return {
    error: (issue: z.core.$ZodRawIssue) =>
      issue.input === undefined ? `missing required field (${message})` : message,
  };
}

const slackUser = /^[UW][A-Z0-9]{2,}$/;
const slackGroup = /^S[A-Z0-9]{2,}$/;
const slackChannel = /^[CG][A-Z0-9]{2,}$/;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const glob = z.string(need('expected a glob string')).superRefine((value, ctx) => {
  const problem = globProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const modelId = z
  .string(need('expected a model id string'))
  .regex(/^\S+$/, { error: 'expected a model id without spaces' });

const positiveNumber = z
  .number(need('expected a positive number'))
  .positive({ error: 'expected a positive number' })
  .refine(Number.isFinite, { error: 'expected a finite number' });

// A dollar amount becomes whole nano-dollars; one that cannot (more than 9 decimal places, or beyond what a
// nano-dollar count holds exactly) is refused rather than rounded into a different limit.
const dollars = positiveNumber.refine(
  (value) => {
    const nanos = value * 1e9;
    return Math.abs(nanos - Math.round(nanos)) < 1e-3 && Math.round(nanos) <= Number.MAX_SAFE_INTEGER;
  },
  { error: 'expected an amount in USD up to 9,007,199.254740991 with at most 9 decimal places' },
);

const nonNegativeNumber = z
  .number(need('expected a number ≥ 0'))
  .nonnegative({ error: 'expected a number ≥ 0' })
  .refine(Number.isFinite, { error: 'expected a finite number' });

const tokenCount = z
  .number(need('expected a whole number of tokens'))
  .int({ error: 'expected a whole number of tokens' })
  .positive({ error: 'expected a positive whole number of tokens' });

const thresholds = z
  .array(
    z
      .number(need('expected a percentage'))
      .positive({ error: 'expected a percentage above 0' })
      .max(1000, { error: 'expected a percentage up to 1000' }),
    need('expected a list of percentages, e.g. [50, 80, 100]'),
  )
  .min(1, { error: 'expected at least one percentage' })
  .refine((list) => list.every((value, i) => i === 0 || value > list[i - 1]!), {
    error: 'expected percentages in increasing order',
  })
  .describe('Percentages of the budget at which an alert is sent, in increasing order, e.g. [50, 80, 100].');

const slackChannelId = z
  .string(need('expected a Slack channel id (C…)'))
  .regex(slackChannel, { error: 'expected a Slack channel id such as C0123ABCD' });

const tier = z.enum(
  ['small', 'medium', 'large', 'frontier'],
  need("expected one of 'small', 'medium', 'large', 'frontier'"),
);

const customModelPrice = z
  .strictObject({
    provider: z
      .string(need('expected a provider name'))
      .optional()
      .describe('Provider or host name, lowercase (e.g. "self-hosted").'),
    inputPerMTok: nonNegativeNumber.describe('USD per million input tokens.'),
    outputPerMTok: nonNegativeNumber.describe('USD per million output tokens.'),
    cachedInputPerMTok: nonNegativeNumber.optional().describe('USD per million cached input tokens read.'),
    cacheWritePerMTok: nonNegativeNumber.optional().describe('USD per million input tokens written to the cache.'),
    contextWindow: tokenCount.optional().describe('Context window in tokens.'),
    maxOutputTokens: tokenCount.optional().describe('Largest output the model can produce, in tokens.'),
    tier: tier.optional().describe('Size class, used by the tier recommendation.'),
  })
  .describe(
    'Prices of a model the price data does not know, e.g. a self-hosted one.',
  ) satisfies z.ZodType<CustomModelPrice>;

const budget = z
  .strictObject({
    amountUsd: dollars.optional().describe('Spend limit in USD per period.'),
    tokens: tokenCount.optional().describe('Token limit per period.'),
    period: z
      .enum(['day', 'week', 'month'], need("expected one of 'day', 'week', 'month'"))
      .default('month')
      .describe('Budget period, in the organisation time zone.'),
    thresholds: thresholds.optional().describe('Alert percentages for this budget; defaults to alerts.thresholds.'),
    hardCap: z
      .boolean(need('expected true or false'))
      .default(false)
      .describe('Refuse further use once the budget is spent (instead of only alerting).'),
  })
  .refine((value) => value.amountUsd !== undefined || value.tokens !== undefined, {
    error: 'expected amountUsd, tokens, or both',
  });

const team = z.strictObject({
  members: z
    .array(
      z.string().regex(new RegExp(`${slackUser.source}|${slackGroup.source}`), {
        error: 'expected a Slack user id (U…) or user group id (S…)',
      }),
      need('expected a list of Slack user ids'),
    )
    .default([])
    .describe('Slack user ids (U…/W…) or user group ids (S…) of the team.'),
  approvers: z
    .array(
      z.string().regex(new RegExp(`${slackUser.source}|${slackGroup.source}|${slackChannel.source}`), {
        error: 'expected a Slack user id (U…), user group id (S…) or channel id (C…)',
      }),
      need('expected a list of Slack ids'),
    )
    .min(1, { error: 'expected at least one approver' })
    .describe('Who approves quota requests: Slack user ids (U…), a user group (S…) or a channel (C…).'),
  alertChannel: slackChannelId
    .optional()
    .describe("Channel for this team's budget alerts; defaults to alerts.channels."),
});

const variable = z
  .strictObject({
    sample: z.string(need('expected a sample string')).optional().describe('A typical value, counted as is.'),
    maxTokens: tokenCount.optional().describe('The size to assume for the value, in tokens.'),
  })
  .refine((value) => value.sample !== undefined || value.maxTokens !== undefined, {
    error: 'expected sample or maxTokens',
  });

const environmentName = z
  .string()
  .regex(/^[A-Za-z][\w-]*$/, { error: 'expected an environment name such as production' });
const ruleId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'expected a rule id such as whitespace-waste' });

const wholeCount = (what: string) =>
  z
    .number(need(`expected a whole number of ${what}`))
    .int({ error: `expected a whole number of ${what}` })
    .positive({ error: `expected a positive whole number of ${what}` })
    .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

const minutes = (max: number) => wholeCount('minutes').max(max, { error: `expected at most ${max} minutes` });

/** Which requests a guardrail applies to: all of them, or only those of an environment and/or app. */
const selector = {
  id: ruleId
    .optional()
    .describe('Name of the rule, shown in denials and alerts; defaults to its kind and position (rate-limit-1).'),
  environment: environmentName.optional().describe('Only requests the gateway sends with this environment.'),
  app: z
    .string(need('expected an app name'))
    .min(1, { error: 'expected an app name' })
    .optional()
    .describe('Only requests the gateway sends with this app.'),
};

const requestLimit = z
  .strictObject({
    ...selector,
    maxInputTokens: tokenCount.optional().describe('Largest input (prompt) of one request, in tokens.'),
    maxOutputTokens: tokenCount.optional().describe('Largest output (max tokens asked for) of one request, in tokens.'),
  })
  .refine((rule) => rule.maxInputTokens !== undefined || rule.maxOutputTokens !== undefined, {
    error: 'expected maxInputTokens, maxOutputTokens, or both',
  })
  .describe('Size limits of a single request.');

const rateLimit = z
  .strictObject({
    ...selector,
    per: z
      .enum(['user', 'app', 'environment', 'apiKey'], need("expected one of 'user', 'app', 'environment', 'apiKey'"))
      .describe('What is counted separately: each user, app, environment or API key.'),
    rpm: wholeCount('requests').optional().describe('Requests per minute.'),
    tpm: tokenCount.optional().describe('Tokens (input + output) per minute.'),
  })
  .refine((rule) => rule.rpm !== undefined || rule.tpm !== undefined, { error: 'expected rpm, tpm, or both' })
  .describe('Requests and tokens per minute, counted across every bot instance on the store.');

const breaker = z
  .strictObject({
    ...selector,
    windowMinutes: minutes(1440).default(10).describe('Length of the sliding window, in minutes.'),
    maxCalls: wholeCount('calls').optional().describe('Calls allowed in the window; one more trips the breaker.'),
    maxTokens: tokenCount.optional().describe('Tokens (input + output) allowed in the window.'),
    maxUsd: dollars.optional().describe('Dollars allowed in the window.'),
    maxRepeats: wholeCount('repeats')
      .optional()
      .describe('Times the same request fingerprint may be seen in the window; one more trips the breaker.'),
    coolDownMinutes: minutes(10080)
      .default(30)
      .describe('How long a tripped breaker blocks before it resets by itself.'),
  })
  .refine(
    (rule) => [rule.maxCalls, rule.maxTokens, rule.maxUsd, rule.maxRepeats].some((value) => value !== undefined),
    {
      error: 'expected at least one of maxCalls, maxTokens, maxUsd, maxRepeats',
    },
  )
  .describe('Runaway-loop breaker, per agent session (per user and app when the gateway sends no session).');

export const ruleLevels = ['off', 'info', 'warning', 'error'] as const;
export type RuleLevel = (typeof ruleLevels)[number];

export const policyObjectSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    defaultModel: modelId.optional().describe('Model assumed for prompts whose call site names none.'),
    approvedModels: z
      .record(
        environmentName,
        z.array(modelId.describe('A model id or glob such as gpt-4o*.'), need('expected a list of model ids or globs')),
        need('expected environments mapped to lists of models'),
      )
      .optional()
      .describe(
        'Models allowed per environment; ids or globs (gpt-4o*). An environment not listed falls back to "default"; with neither, any model is allowed.',
      ),
    timeZone: z
      .string(need('expected an IANA time zone name'))
      .refine(isTimeZone, { error: 'expected an IANA time zone such as Europe/Berlin' })
      .default('UTC')
      .describe('Organisation time zone (IANA), for budget periods and daily reports.'),
    defaultCallsPerDay: nonNegativeNumber
      .default(1000)
      .describe('Calls per day assumed for a prompt no volumes entry matches.'),
    volumes: z
      .array(
        z.strictObject({
          glob: glob.describe('Glob over file paths or prompt names.'),
          callsPerDay: nonNegativeNumber,
        }),
        need('expected a list of { glob, callsPerDay }'),
      )
      .default([])
      .describe('Expected calls per day per prompt file or prompt name; the first matching entry wins.'),
    defaultOutputTokens: tokenCount.default(500).describe('Output tokens assumed when a call site sets no max tokens.'),
    outputTokens: z
      .array(
        z.strictObject({ glob: glob.describe('Glob over file paths or prompt names.'), tokens: tokenCount }),
        need('expected a list of { glob, tokens }'),
      )
      .default([])
      .describe('Output-token assumptions per prompt file or prompt name; the first matching entry wins.'),
    customModels: z
      .record(modelId, customModelPrice, need('expected model ids mapped to prices'))
      .default({})
      .describe('Prices (USD per million tokens) of models the price data does not know, e.g. self-hosted ones.'),
    teams: z
      .record(z.string(), team, need('expected team names mapped to teams'))
      .default({})
      .describe('Teams, their members and approvers.'),
    budgets: z
      .strictObject({
        organization: budget.optional().describe('Budget for the whole organisation.'),
        teams: z
          .record(z.string(), budget, need('expected team names mapped to budgets'))
          .default({})
          .describe('Budget per team (keys are team names).'),
        environments: z
          .record(environmentName, budget, need('expected environment names mapped to budgets'))
          .default({})
          .describe('Budget per environment the gateway names (dev, test…).'),
        apps: z
          .record(z.string().min(1), budget, need('expected app names mapped to budgets'))
          .default({})
          .describe('Budget per app the gateway names.'),
      })
      .default({ teams: {}, environments: {}, apps: {} }),
    guardrails: z
      .strictObject({
        requestLimits: z.array(requestLimit, need('expected a list of request limits')).default([]),
        rateLimits: z.array(rateLimit, need('expected a list of rate limits')).default([]),
        breakers: z.array(breaker, need('expected a list of breakers')).default([]),
      })
      .default({ requestLimits: [], rateLimits: [], breakers: [] })
      .describe(
        'What the enforcement hook (GET /v1/quota/check) denies besides budgets: oversized requests, rates, runaway loops.',
      ),
    alerts: z
      .strictObject({
        thresholds: thresholds.default([50, 80, 100]),
        channels: z
          .array(slackChannelId, need('expected a list of Slack channel ids'))
          .default([])
          .describe('Channels that receive budget and anomaly alerts.'),
      })
      .default({ thresholds: [50, 80, 100], channels: [] }),
    variables: z
      .record(z.string(), variable, need('expected variable names mapped to { sample } or { maxTokens }'))
      .default({})
      .describe('Sample values or sizes for template variables, used when prompts are counted and audited.'),
    promptFiles: z
      .array(glob, need('expected a list of globs'))
      .optional()
      .describe('Globs of the files that hold prompts.'),
    rules: z
      .record(
        ruleId,
        z.enum(ruleLevels, need("expected one of 'off', 'info', 'warning', 'error'")),
        need('expected rule ids mapped to levels'),
      )
      .default({})
      .describe('Audit rules to turn off or re-level, by rule id.'),
  })
  // Runs even when other fields are invalid (`when`), so a typo in a budget's team name is reported together with
  // everything else; the input may therefore be malformed here and is read defensively.
  .superRefine(
    (policy, ctx) => {
      const teams = asRecord(policy.teams);
      const budgetTeams = asRecord(asRecord(policy.budgets)?.['teams']);
      if (!teams || !budgetTeams) return;
      const known = Object.keys(teams);
      for (const name of Object.keys(budgetTeams)) {
        if (known.includes(name)) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['budgets', 'teams', name],
          message: `no team '${name}' under teams${known.length ? ` (teams: ${known.join(', ')})` : ''}`,
        });
      }
    },
    { when: () => true },
  );

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Budgets without their own thresholds take the organisation's alert thresholds. */
export const policySchema = policyObjectSchema.transform((policy) => {
  const withThresholds = (b: z.output<typeof budget>) => ({
    ...b,
    thresholds: b.thresholds ?? policy.alerts.thresholds,
  });
  return {
    ...policy,
    budgets: {
      organization: policy.budgets.organization && withThresholds(policy.budgets.organization),
      teams: Object.fromEntries(Object.entries(policy.budgets.teams).map(([name, b]) => [name, withThresholds(b)])),
      environments: Object.fromEntries(
        Object.entries(policy.budgets.environments).map(([name, b]) => [name, withThresholds(b)]),
      ),
      apps: Object.fromEntries(Object.entries(policy.budgets.apps).map(([name, b]) => [name, withThresholds(b)])),
    },
  };
});

export type Policy = z.output<typeof policySchema>;
export type PolicyBudget = Policy['budgets']['teams'][string];
export type PolicyTeam = Policy['teams'][string];
export type PolicyGuardrails = Policy['guardrails'];
