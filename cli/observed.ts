// `--volumes-from URL [--app NAME]` of `tokenwise audit` and `tokenwise diff`: calls per day per prompt id observed
// by the team's tokenwise server, read once per run. The read token comes from TOKENWISE_READ_TOKEN only (a flag
// would land in shell history and CI logs) and is never printed.
import { fetchObservedUsage, ObservedUsageError, observedVolumes, type ObservedVolumes } from '../core';
import { UsageError, type CliIO } from './io';

export const readTokenVariable = 'TOKENWISE_READ_TOKEN';

export const observedOptionsHelp = `  --volumes-from URL         Calls per day per prompt from the team's tokenwise server (its read API,
                             GET /v1/usage/prompts, with the token in ${readTokenVariable}): prompts with traffic
                             are costed at their observed volume, and the report says so.
  --app NAME                 With --volumes-from: only this app's traffic.`;

/** Where the observed volumes came from, as reports state it. */
export interface ObservedSource {
  url: string;
  app: string | null;
  from: string;
  to: string;
  days: number;
  /** `last 7 days`. */
  window: string;
  /** Prompt ids with traffic in the window. */
  promptsWithTraffic: number;
}

export interface Observed {
  volumes: ObservedVolumes;
  source: ObservedSource;
}

/** The observed volumes the options ask for, or undefined; an unreadable server is a UsageError (exit 2). */
export async function readObservedVolumes(
  url: string | undefined,
  app: string | undefined,
  io: CliIO,
): Promise<Observed | undefined> {
  if (url === undefined) {
    if (app !== undefined) throw new UsageError('--app needs --volumes-from URL.');
    return undefined;
  }
  if (app !== undefined && app.trim() === '') throw new UsageError('--app must not be empty.');
  const token = (io.env ?? process.env)[readTokenVariable];
  if (!token)
    throw new UsageError(
      `--volumes-from needs the server's read token in the environment variable ${readTokenVariable}.`,
    );
  try {
    const usage = await fetchObservedUsage({ url, token, ...(app === undefined ? {} : { app: app.trim() }) });
    const volumes = observedVolumes(usage);
    return {
      volumes,
      source: {
        url,
        app: usage.app,
        from: usage.from,
        to: usage.to,
        days: usage.days,
        window: volumes.window,
        promptsWithTraffic: usage.prompts.filter((prompt) => prompt.calls > 0).length,
      },
    };
  } catch (error) {
    if (error instanceof ObservedUsageError)
      throw new UsageError(
        `--volumes-from: ${error.message}${error.problem === 'unauthorized' ? ` (from ${readTokenVariable})` : ''}.`,
      );
    throw error;
  }
}

/** `observed (last 7 days) from https://… for app support-bot`: one sentence for a report's notes. */
export function observedSourceLabel(source: ObservedSource): string {
  return `observed (${source.window}, ${source.from} to ${source.to}) from ${source.url}${source.app === null ? '' : ` for app ${source.app}`}`;
}
