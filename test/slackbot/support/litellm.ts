// A local stand-in for a LiteLLM proxy's `POST /team/update`: checks the master key and the documented body
// fields, records every update, can fail the next calls (5xx) to exercise retries, and lets a test wait for one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LiteLlmDouble {
  readonly updates: Array<Record<string, unknown>> = [];
  attempts = 0;
  /** Status codes to answer the next calls with, in order, before answering normally. */
  failures: number[] = [];
  private server?: Server;
  private waiters: Array<() => void> = [];
  port = 0;

  constructor(readonly key: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
          const waiters = this.waiters;
          this.waiters = [];
          waiters.forEach((wake) => wake());
        };
        if (req.method !== 'POST' || req.url !== '/team/update') return reply(404, { detail: 'Not Found' });
        this.attempts++;
        if (req.headers.authorization !== `Bearer ${this.key}`)
          return reply(401, { error: { message: 'Authentication Error', type: 'auth_error' } });
        const failure = this.failures.shift();
        if (failure) return reply(failure, { error: { message: 'try again' } });
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        if (typeof body.team_id !== 'string')
          return reply(422, { detail: [{ loc: ['body', 'team_id'], msg: 'field required' }] });
        this.updates.push(body);
        reply(200, {
          team_id: body.team_id,
          data: { team_id: body.team_id, max_budget: body.max_budget, budget_duration: body.budget_duration },
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves once `condition` holds, checked after every answered request; fails after `timeoutMs`. */
  async waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for the LiteLLM double; updates: ${JSON.stringify(this.updates)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
