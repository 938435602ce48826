// Structured logs: one JSON object per line on stdout. Fields whose names suggest a credential are replaced, so
// a token or secret never reaches a log even when a whole object is logged.
import type { LogLevel, Logger as BoltLogger } from '@slack/bolt';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /token|secret|authorization|password|signature|key$|cookie/i;

export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_FIELD.test(key) ? '[redacted]' : redact(item, depth + 1)]),
  );
}

export function createLog(
  level: Level,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Log {
  const emit =
    (at: Level) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (RANK[at] < RANK[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...(redact(fields) as object) }));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Bolt's logger interface over the same log, so the framework's own messages are structured too. */
export function boltLogger(log: Log, level: Level): BoltLogger {
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(redact(part)))).join(' ');
  return {
    debug: (...parts) => log.debug(text(parts), { source: 'bolt' }),
    info: (...parts) => log.info(text(parts), { source: 'bolt' }),
    warn: (...parts) => log.warn(text(parts), { source: 'bolt' }),
    error: (...parts) => log.error(text(parts), { source: 'bolt' }),
    setLevel: () => undefined,
    getLevel: () => level as LogLevel,
    setName: () => undefined,
  };
}
