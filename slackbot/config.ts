// The bot's configuration, from environment variables only. Every value is checked at start-up; a missing or bad
// one stops the bot with a message naming the variable, never a crash later in a handler.
import { z } from 'zod';
import { isTimeZone } from '../core';

const teamMap = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({
        code: 'custom',
        message: 'must be a JSON object such as {"proj_abc":"search","wrkspc_01":"research"}',
      });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), z.string().trim().min(1), 'must map ids to team names'));

const url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

const schema = z
  .object({
    SLACK_MODE: z.enum(['http', 'socket'], 'must be "http" or "socket"').default('http'),
    SLACK_BOT_TOKEN: z
      .string('is required (the xoxb- token from OAuth & Permissions)')
      .startsWith('xoxb-', 'must be a bot token starting xoxb-'),
    SLACK_SIGNING_SECRET: z.string().min(16, 'must be the signing secret from Basic Information').optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token starting xapp-').optional(),
    SLACK_API_URL: url.optional(),
    PORT: z.coerce.number('must be a port number').int().min(0).max(65535).default(3000),
    HOST: z
      .union([z.ipv4(), z.ipv6(), z.hostname()], 'must be an IP address or host name to listen on, such as 127.0.0.1')
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number('must be a number of connections').int().min(1).max(100).default(10),
    RETENTION_DAYS: z.coerce
      .number('must be a number of days')
      .int()
      .min(30, 'must be at least 30 (the unusual-spend check compares four weeks)')
      .optional(),
    TOKENWISE_DB: z.string().min(1).default('./data/tokenwise.db'),
    INGEST_TOKEN: z
      .string('is required (the bearer token senders use for POST /v1/usage)')
      .min(16, 'must be at least 16 characters'),
    AUDIT_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    READ_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    REPOSITORY_URL: z
      .url({ protocol: /^https$/, message: 'must be an https URL such as https://github.com/acme/app' })
      .max(500, 'must be at most 500 characters')
      .refine((text) => {
        const parsed = new URL(text);
        return !parsed.username && !parsed.password && !parsed.search && !parsed.hash && !/[<>|\s]/.test(text);
      }, 'must be the repository URL itself: no credentials, ?query, #fragment, <, > or | (it is shown in Slack links)')
      .optional(),
    REPOSITORY_BRANCH: z
      .string()
      .regex(/^[\w./-]{1,200}$/, 'must be a branch name such as main (letters, digits, _ . / -)')
      .refine((name) => !name.split('/').includes('..'), 'must be a branch name, not a path with ..')
      .default('main'),
    ORG_TIMEZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
    TOKENWISE_POLICY: z.string().min(1).optional(),
    OPENAI_ADMIN_KEY: z.string().min(1).optional(),
    OPENAI_API_URL: url.default('https://api.openai.com'),
    ANTHROPIC_ADMIN_KEY: z.string().min(1).optional(),
    ANTHROPIC_API_URL: url.default('https://api.anthropic.com'),
    PULL_INTERVAL_MINUTES: z.coerce.number('must be a number of minutes').int().min(1).max(1440).default(60),
    PULL_LOOKBACK_DAYS: z.coerce.number('must be a number of days').int().min(1).max(90).default(7),
    PULL_TEAM_MAP: teamMap.optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], 'must be debug, info, warn or error').default('info'),
    TOKENWISE_ADMINS: z
      .string()
      .transform((text) => text.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be Slack user ids (U…) separated by commas')))
      .optional(),
    ALERT_INTERVAL_MINUTES: z.coerce.number('must be a number of minutes').int().min(1).max(1440).default(15),
    LITELLM_URL: url.optional(),
    LITELLM_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, context) => {
    if (env.SLACK_MODE === 'http' && !env.SLACK_SIGNING_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode (Basic Information → Signing Secret)',
      });
    }
    if (env.SLACK_MODE === 'socket' && !env.SLACK_APP_TOKEN) {
      context.addIssue({
        code: 'custom',
        path: ['SLACK_APP_TOKEN'],
        message: 'is required in socket mode (an app-level token with connections:write)',
      });
    }
    // The read token is read-only: one equal to a token that writes usage or reads the audit trail would widen it.
    if (env.READ_TOKEN !== undefined && (env.READ_TOKEN === env.INGEST_TOKEN || env.READ_TOKEN === env.AUDIT_TOKEN))
      context.addIssue({
        code: 'custom',
        path: ['READ_TOKEN'],
        message: 'must differ from INGEST_TOKEN and AUDIT_TOKEN (it only reads usage)',
      });
    if (env.LITELLM_URL && !env.LITELLM_KEY)
      context.addIssue({
        code: 'custom',
        path: ['LITELLM_KEY'],
        message: 'is required with LITELLM_URL (the proxy master key)',
      });
  });

type Env = z.output<typeof schema>;

export interface Config {
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  slackApiUrl?: string;
  port: number;
  /** The address the HTTP server listens on; every interface (IPv4 and IPv6) when unset, as a container needs. */
  host?: string;
  store: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'sqlite'; file: string };
  /** Raw usage events older than this many days are removed (roll-ups are kept); all are kept when unset. */
  retentionDays?: number;
  ingestToken: string;
  /** Bearer token of the audit-trail export: AUDIT_TOKEN, else the ingest token. */
  auditToken: string;
  /** Bearer token of the read API (GET /v1/usage/prompts); the API is off when unset. */
  readToken?: string;
  /** Where prompt ids link in spend reports: files at `${url}/blob/${branch}/…`; no links when unset. */
  repository?: { url: string; branch: string };
  /** Overrides the policy file's time zone when set. */
  timeZone?: string;
  policyPath?: string;
  pulls: {
    intervalMinutes: number;
    lookbackDays: number;
    teamMap: Readonly<Record<string, string>>;
    openai?: { adminKey: string; baseUrl: string };
    anthropic?: { adminKey: string; baseUrl: string };
  };
  logLevel: Env['LOG_LEVEL'];
  /** Slack user ids allowed to set budgets (`/tokens budget set`). */
  admins: readonly string[];
  /** How often budget, anomaly and forecast alerts are checked. */
  alertIntervalMinutes: number;
  /** A LiteLLM proxy whose team budgets follow the approved ones. */
  litellm?: { url: string; key: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // An empty variable counts as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  return {
    mode: e.SLACK_MODE,
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    slackApiUrl: e.SLACK_API_URL && (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`),
    port: e.PORT,
    host: e.HOST,
    store: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'sqlite', file: e.TOKENWISE_DB },
    retentionDays: e.RETENTION_DAYS,
    ingestToken: e.INGEST_TOKEN,
    auditToken: e.AUDIT_TOKEN ?? e.INGEST_TOKEN,
    readToken: e.READ_TOKEN,
    repository: e.REPOSITORY_URL
      ? { url: e.REPOSITORY_URL.replace(/\/+$/, ''), branch: e.REPOSITORY_BRANCH }
      : undefined,
    timeZone: e.ORG_TIMEZONE,
    policyPath: e.TOKENWISE_POLICY,
    pulls: {
      intervalMinutes: e.PULL_INTERVAL_MINUTES,
      lookbackDays: e.PULL_LOOKBACK_DAYS,
      teamMap: e.PULL_TEAM_MAP ?? {},
      openai: e.OPENAI_ADMIN_KEY ? { adminKey: e.OPENAI_ADMIN_KEY, baseUrl: e.OPENAI_API_URL } : undefined,
      anthropic: e.ANTHROPIC_ADMIN_KEY ? { adminKey: e.ANTHROPIC_ADMIN_KEY, baseUrl: e.ANTHROPIC_API_URL } : undefined,
    },
    logLevel: e.LOG_LEVEL,
    admins: e.TOKENWISE_ADMINS ?? [],
    alertIntervalMinutes: e.ALERT_INTERVAL_MINUTES,
    litellm:
      e.LITELLM_URL && e.LITELLM_KEY ? { url: e.LITELLM_URL.replace(/\/+$/, ''), key: e.LITELLM_KEY } : undefined,
  };
}
