// Local fakes of the OpenAI Usage API and the Anthropic Admin usage report, reproducing their documented
// response shapes, hourly buckets, next_page pagination, and on demand 429s (with Retry-After) and 5xx errors.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export class UsageApiFake {
  readonly requests: FakeRequest[] = [];
  /** Status codes to answer the next requests with, in order, before serving data again. */
  failures: number[] = [];
  /** Fail every request for a page token from here on (simulates an outage mid-pull). */
  brokenPage?: string;
  private server?: Server;
  port = 0;

  constructor(
    private readonly kind: 'openai' | 'anthropic',
    /** Results of one hourly bucket, by its start (Unix seconds). */
    private readonly results: (bucketStart: number) => Array<Record<string, unknown>>,
    private readonly bucketsPerPage = 5,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      this.requests.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const expected =
        this.kind === 'openai' ? '/v1/organization/usage/completions' : '/v1/organizations/usage_report/messages';
      if (url.pathname !== expected) return send(404, { error: 'not found' });
      const page = url.searchParams.get('page') ?? '0';
      if (this.brokenPage !== undefined && page === this.brokenPage) return send(503, { error: 'unavailable' });
      const failure = this.failures.shift();
      if (failure === 429) return send(429, { error: 'rate limited' }, { 'retry-after': '0' });
      if (failure) return send(failure, { error: 'server error' });
      const start =
        this.kind === 'openai'
          ? Number(url.searchParams.get('start_time'))
          : Date.parse(url.searchParams.get('starting_at')!) / 1000;
      const end =
        this.kind === 'openai'
          ? Number(url.searchParams.get('end_time'))
          : Date.parse(url.searchParams.get('ending_at')!) / 1000;
      const offset = Number(page);
      const starts: number[] = [];
      for (
        let at = start + offset * 3600 * this.bucketsPerPage;
        at < end && starts.length < this.bucketsPerPage;
        at += 3600
      )
        starts.push(at);
      const more = start + (offset + 1) * 3600 * this.bucketsPerPage < end;
      const next = more ? String(offset + 1) : null;
      if (this.kind === 'openai') {
        return send(200, {
          object: 'page',
          data: starts.map((at) => ({
            object: 'bucket',
            start_time: at,
            end_time: at + 3600,
            results: this.results(at).map((r) => ({ object: 'organization.usage.completions.result', ...r })),
          })),
          has_more: more,
          next_page: next,
        });
      }
      const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
      return send(200, {
        data: starts.map((at) => ({ starting_at: iso(at), ending_at: iso(at + 3600), results: this.results(at) })),
        has_more: more,
        next_page: next,
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
