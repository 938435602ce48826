// A local double of Slack's Web API and of response_url: records every call, and rejects any message that
// breaks Block Kit's documented limits, as Slack would (invalid_blocks).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
}

type Block = Record<string, any>;

const MESSAGE_BLOCKS = 50;
const VIEW_BLOCKS = 100;

function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? String((value as { text?: unknown }).text ?? '') : '';
}

/** Every Block Kit limit the bot's builders could break, as a list of problems (empty when valid). */
export function blockKitProblems(blocks: unknown, max: number): string[] {
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const problems: string[] = [];
  if (blocks.length > max) problems.push(`${blocks.length} blocks, over ${max}`);
  const id = (value: unknown, where: string) => {
    if (typeof value === 'string' && value.length > 255) problems.push(`${where} over 255 characters`);
  };
  blocks.forEach((block: Block, i) => {
    const at = `blocks[${i}] (${block.type})`;
    id(block.block_id, `${at}.block_id`);
    if (block.type === 'header' && (textOf(block.text).length > 150 || block.text?.type !== 'plain_text'))
      problems.push(`${at} header text must be plain_text ≤ 150`);
    if (block.type === 'section') {
      if (!block.text && !block.fields) problems.push(`${at} needs text or fields`);
      if (block.text && (textOf(block.text).length > 3000 || textOf(block.text).length === 0))
        problems.push(`${at} text must be 1…3000 characters`);
      if (
        block.fields &&
        (block.fields.length > 10 || block.fields.some((field: unknown) => textOf(field).length > 2000))
      )
        problems.push(`${at} fields: at most 10 of ≤ 2000 characters`);
    }
    if (
      block.type === 'context' &&
      (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10)
    )
      problems.push(`${at} needs 1…10 elements`);
    if (block.type === 'actions') {
      if (!Array.isArray(block.elements) || block.elements.length > 25) problems.push(`${at} at most 25 elements`);
      for (const element of block.elements ?? []) {
        id(element.action_id, `${at} action_id`);
        if (element.type === 'button' && textOf(element.text).length > 75) problems.push(`${at} button text over 75`);
      }
    }
  });
  return problems;
}

export class SlackApiDouble {
  readonly calls: RecordedCall[] = [];
  readonly responses: Array<{ path: string; body: Record<string, any> }> = [];
  readonly rejected: Array<{ method: string; problems: string[] }> = [];
  emails: Record<string, string> = {};
  /** Members of each user group (usergroups.users.list) and channel (conversations.members). */
  groupMembers: Record<string, string[]> = {};
  channelMembers: Record<string, string[]> = {};
  /** Web API errors to answer the next calls of a method with (`{ ok: false, error }`), in order. */
  failures: Array<{ method: string; error: string }> = [];
  /** The WebSocket URL apps.connections.open hands out (Socket Mode). */
  socketUrl?: string;
  private messages = 0;
  private server?: Server;
  private waiters: Array<() => void> = [];
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/response/${name}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const type = req.headers['content-type'] ?? '';
        const body: Record<string, any> = type.includes('json')
          ? JSON.parse(raw || '{}')
          : Object.fromEntries(new URLSearchParams(raw));
        for (const key of ['blocks', 'view']) if (typeof body[key] === 'string') body[key] = JSON.parse(body[key]);
        const path = req.url ?? '';
        const reply = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
          this.notify();
        };
        if (path.startsWith('/response/')) {
          const problems = blockKitProblems(body.blocks ?? [], MESSAGE_BLOCKS);
          if (problems.length) {
            this.rejected.push({ method: path, problems });
            return reply(400, { ok: false, error: 'invalid_blocks', problems });
          }
          this.responses.push({ path, body });
          return reply(200, { ok: true });
        }
        const method = path.replace(/^\/api\//, '').split('?')[0]!;
        this.calls.push({ method, body });
        const blocks =
          method === 'views.publish' || method === 'views.open' || method === 'views.update'
            ? body.view?.blocks
            : body.blocks;
        if (blocks !== undefined) {
          const problems = blockKitProblems(blocks, method.startsWith('views.') ? VIEW_BLOCKS : MESSAGE_BLOCKS);
          if (problems.length) {
            this.rejected.push({ method, problems });
            return reply(200, { ok: false, error: 'invalid_blocks', problems });
          }
        }
        const failure = this.failures.findIndex((planned) => planned.method === method);
        if (failure >= 0) return reply(200, { ok: false, error: this.failures.splice(failure, 1)[0]!.error });
        if (method === 'apps.connections.open') {
          return this.socketUrl
            ? reply(200, { ok: true, url: this.socketUrl })
            : reply(200, { ok: false, error: 'invalid_auth' });
        }
        if (method === 'auth.test')
          return reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'tokenwise' });
        if (method === 'chat.postMessage') {
          // A message to a user id lands in the bot's DM with them, a D… channel, as in Slack.
          const channel = String(body.channel).replace(/^[UW]/, 'D');
          return reply(200, { ok: true, channel, ts: `1790000000.${String(++this.messages).padStart(6, '0')}` });
        }
        if (method === 'chat.update') return reply(200, { ok: true, channel: body.channel, ts: body.ts });
        if (method === 'views.open')
          return reply(200, { ok: true, view: { id: `V${this.calls.length}`, ...body.view } });
        if (method === 'usergroups.users.list')
          return reply(200, { ok: true, users: this.groupMembers[String(body.usergroup)] ?? [] });
        if (method === 'conversations.members') {
          return reply(200, {
            ok: true,
            members: this.channelMembers[String(body.channel)] ?? [],
            response_metadata: { next_cursor: '' },
          });
        }
        if (method === 'users.info') {
          const email = this.emails[String(body.user)];
          return reply(200, { ok: true, user: { id: body.user, profile: email ? { email } : {} } });
        }
        return reply(200, { ok: true });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves once `condition` holds, checked after every recorded request; fails after `timeoutMs`. */
  async waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the Slack double');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
