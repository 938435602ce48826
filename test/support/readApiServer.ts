// A stand-in for the bot's read API (`GET /v1/usage/prompts`, bearer READ_TOKEN) on 127.0.0.1: it answers with
// core's observedUsageSchema (checked before it is sent), and records every request so tests can see what left.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { observedUsageSchema, type ObservedUsage } from '../../core';

export interface ReadApiRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface ReadApiServer {
  /** The server's base URL, e.g. http://127.0.0.1:43121. */
  url: string;
  requests: ReadApiRequest[];
  /** What it answers from now on: the usage, the read API turned off (404), or an answer of another shape. */
  answer(next: ObservedUsage | 'off' | { invalid: unknown }): void;
  close(): Promise<void>;
}

/** One week of observed usage for the given prompts (calls and cost over 7 days). */
export function weekOfUsage(
  prompts: Array<{ prompt: string; calls: number; costNanos: number }>,
  app: string | null = null,
): ObservedUsage {
  return observedUsageSchema.parse({
    app,
    from: '2026-11-28',
    to: '2026-12-04',
    days: 7,
    prompts: prompts.map((p) => ({
      prompt: p.prompt,
      calls: p.calls,
      callsPerDay: p.calls / 7,
      inputTokens: p.calls * 1000,
      cacheReadTokens: 0,
      outputTokens: p.calls * 100,
      costNanos: p.costNanos,
    })),
  });
}

export async function startReadApiServer(token: string, usage: ObservedUsage): Promise<ReadApiServer> {
  let current: ObservedUsage | 'off' | { invalid: unknown } = usage;
  const requests: ReadApiRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (current === 'off' || url.pathname !== '/v1/usage/prompts') return send(404, { error: 'not found' });
    if (request.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'unauthorized' });
    if (request.method !== 'GET') return send(405, { error: 'method not allowed' });
    const app = url.searchParams.get('app');
    if (app !== null && app.trim() === '') return send(400, { error: 'app: must not be empty' });
    if ('invalid' in current) return send(200, current.invalid);
    send(200, observedUsageSchema.parse({ ...current, app: app ?? current.app }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
