import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  baseUrlProblem,
  countTokens,
  ExactCountConfigError,
  ExactTokenCounter,
  fnv1a64,
  officialBaseUrls,
} from '../../../core';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** Mimics the documented endpoints: Anthropic answers {input_tokens}, Gemini {totalTokens, promptTokensDetails}. */
class FakeProviders {
  seen: Seen[] = [];
  reply: (seen: Seen, res: ServerResponse) => void = (seen, res) => {
    res.setHeader('content-type', 'application/json');
    if (seen.path === '/v1/messages/count_tokens') {
      if (seen.headers['x-api-key'] !== 'sk-ant-test' || seen.headers['anthropic-version'] !== '2023-06-01') {
        res.statusCode = 401;
        res.end(
          JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }),
        );
        return;
      }
      res.end(JSON.stringify({ input_tokens: 1234 }));
    } else if (
      seen.path === '/v1beta/models/gemini-2.5-flash:countTokens' &&
      seen.headers['x-goog-api-key'] === 'gm-test'
    ) {
      res.end(JSON.stringify({ totalTokens: 321, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 321 }] }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 404, message: 'not found' } }));
    }
  };
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        const seen = { path: req.url ?? '', headers: req.headers, body: data ? JSON.parse(data) : undefined };
        this.seen.push(seen);
        this.reply(seen, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

describe('exact counts from provider APIs', () => {
  const fake = new FakeProviders();
  let clock = 1_000_000;
  const counter = (overrides = {}) =>
    new ExactTokenCounter({
      anthropicApiKey: 'sk-ant-test',
      geminiApiKey: 'gm-test',
      anthropicBaseUrl: fake.url,
      geminiBaseUrl: fake.url,
      now: () => clock,
      ...overrides,
    });

  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(() => {
    fake.seen = [];
    fake.reply = new FakeProviders().reply;
  });

  it("uses Anthropic's count_tokens with the documented request shape", async () => {
    const count = await counter().countText('Hello, Claude', 'claude-sonnet-4-5');
    assert.equal(count.tokens, 1234);
    assert.equal(count.exact, true);
    assert.equal(count.low, 1234);
    assert.match(count.note!, /Exact count from Anthropic's count_tokens/);
    assert.deepEqual(fake.seen[0].body, {
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Hello, Claude' }],
    });
  });

  it("uses Gemini's countTokens, and passes whole requests through", async () => {
    const count = await counter().countText('Hello, Gemini', 'gemini-2.5-flash');
    assert.equal(count.tokens, 321);
    assert.deepEqual(fake.seen[0].body, { contents: [{ role: 'user', parts: [{ text: 'Hello, Gemini' }] }] });

    const request = {
      model: 'claude-haiku-4-5',
      system: 'Be brief.',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hi' }],
    };
    assert.equal((await counter().countRequest(request)).tokens, 1234);
    assert.deepEqual(fake.seen[1].body, { model: 'claude-haiku-4-5', messages: request.messages, system: 'Be brief.' });

    const chat = {
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    };
    assert.equal((await counter().countRequest(chat)).tokens, 321);
    assert.deepEqual(fake.seen[2].body, {
      generateContentRequest: {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
      },
    });
  });

  it('caches answers by request hash', async () => {
    const exact = counter();
    await exact.countText('same text', 'claude-sonnet-4-5');
    await exact.countText('same text', 'claude-sonnet-4-5');
    await Promise.all([exact.countText('other', 'claude-sonnet-4-5'), exact.countText('other', 'claude-sonnet-4-5')]);
    assert.equal(fake.seen.length, 2);
  });

  it('respects 429 Retry-After: falls back with the reason and stays away until it passes', async () => {
    fake.reply = (_seen, res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '20');
      res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }));
    };
    const exact = counter();
    const first = await exact.countText('one', 'claude-sonnet-4-5');
    assert.equal(first.exact, false);
    assert.deepEqual({ ...first, note: undefined }, { ...countTokens('one', 'claude-sonnet-4-5'), note: undefined });
    assert.match(first.note!, /rate-limited \(HTTP 429\), retrying after 20 s/);
    const second = await exact.countText('two', 'claude-sonnet-4-5');
    assert.match(second.note!, /rate-limited, retrying after 20 s/);
    assert.equal(fake.seen.length, 1, 'no request while rate-limited');
    clock += 21_000;
    fake.reply = new FakeProviders().reply;
    assert.equal((await exact.countText('three', 'claude-sonnet-4-5')).exact, true);
  });

  it('falls back to the estimate with the reason on errors and odd answers', async () => {
    const badKey = await counter({ anthropicApiKey: 'wrong' }).countText('x', 'claude-sonnet-4-5');
    assert.equal(badKey.exact, false);
    assert.match(badKey.note!, /HTTP 401 invalid x-api-key/);

    fake.reply = (_seen, res) => res.end('{"tokens": "many"}');
    assert.match((await counter().countText('y', 'gemini-2.5-flash')).note!, /unexpected response shape/);

    const unreachable = await counter({ anthropicBaseUrl: 'http://127.0.0.1:1' }).countText('z', 'claude-sonnet-4-5');
    assert.match(unreachable.note!, /request failed/);

    const openAiShape = await counter().countRequest({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.match(openAiShape.note!, /Anthropic Messages shape only/);
  });

  it('stays local for OpenAI models and without a key', async () => {
    assert.deepEqual(await counter().countText('hello', 'gpt-4o'), countTokens('hello', 'gpt-4o'));
    assert.deepEqual(
      await new ExactTokenCounter({}).countText('hello', 'claude-sonnet-4-5'),
      countTokens('hello', 'claude-sonnet-4-5'),
    );
    assert.equal(fake.seen.length, 0);
  });

  it('sends a key only to https base URLs, or http on this machine', () => {
    const allowed = [
      'https://api.anthropic.com',
      'https://proxy.example.com/anthropic/',
      'http://127.0.0.1:8080',
      'http://localhost:3000/v',
      'http://[::1]:9000',
    ];
    for (const url of allowed) assert.equal(baseUrlProblem(url), undefined, url);
    const refused: Array<[string, RegExp]> = [
      ['http://proxy.example.com', /expected https \(http only for a proxy on this machine/],
      ['http://localhost.example.com', /expected https/],
      ['http://127.0.0.1.nip.io', /expected https/],
      ['http://10.0.0.5:8080', /expected https/],
      ['ftp://127.0.0.1', /expected https, not ftp/],
      ['file:///etc/passwd', /expected https, not file/],
      ['javascript:alert(1)', /expected https, not javascript/],
      ['api.anthropic.com', /expected an absolute URL/],
      ['', /expected an absolute URL/],
      ['https://user:secret@proxy.example.com', /no user name or password/],
      ['https://proxy.example.com/?target=x', /no query or fragment/],
      ['https://proxy.example.com/#x', /no query or fragment/],
    ];
    for (const [url, problem] of refused) assert.match(baseUrlProblem(url) ?? 'allowed', problem, url);
    assert.deepEqual(officialBaseUrls, {
      anthropic: 'https://api.anthropic.com',
      google: 'https://generativelanguage.googleapis.com',
    });
  });

  it('refuses to start with a base URL a key may not go to, naming the field', () => {
    assert.throws(
      () => new ExactTokenCounter({ anthropicApiKey: 'k', anthropicBaseUrl: 'http://collector.example.com' }),
      (error: Error) =>
        error instanceof ExactCountConfigError && /^anthropicBaseUrl: expected https/.test(error.message),
    );
    assert.throws(
      () => new ExactTokenCounter({ geminiApiKey: 'k', geminiBaseUrl: 'https://u:p@proxy.example.com' }),
      /^Error: geminiBaseUrl: expected no user name/,
    );
  });

  it('appends the API path to a base URL given with a trailing slash', async () => {
    await counter({ anthropicBaseUrl: `${fake.url}/` }).countText('slash', 'claude-sonnet-4-5');
    assert.equal(fake.seen[0]!.path, '/v1/messages/count_tokens');
  });

  it('never follows a redirect with the key', async () => {
    const elsewhere = new FakeProviders();
    await elsewhere.start();
    try {
      fake.reply = (seen, res) => {
        res.statusCode = 307;
        res.setHeader('location', `${elsewhere.url}${seen.path}`);
        res.end();
      };
      const count = await counter().countText('redirected', 'claude-sonnet-4-5');
      assert.equal(count.exact, false);
      assert.match(count.note!, /redirect \(HTTP 307\), which is not followed with the key/);
      assert.equal(fake.seen.length, 1);
      assert.deepEqual(elsewhere.seen, [], 'the redirect target received nothing');
    } finally {
      await elsewhere.stop();
    }
  });

  it('hashes with 64-bit FNV-1a', () => {
    assert.equal(fnv1a64(''), 'cbf29ce484222325');
    assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
  });
});
