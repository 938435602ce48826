// The HTTP edges under attack, over real HTTP: bodies over a limit get their 413 with its message (never a connection
// reset), a signed Slack request dated ahead is refused like a stale one, and the server listens where HOST says.
import { strict as assert } from 'node:assert';
import { request as httpRequest } from 'node:http';
import { defaultBodyLimit } from '@slack/bolt';
import { parsePolicy } from '../../core';
import { MAX_BYTES } from '../../slackbot/http/ingest';
import { post, signed, slashCommandBody } from './support/signing';
import { SECRET, testBot, TOKEN } from './support/testBot';

const NOW = new Date('2026-11-22T12:00:00Z');
const policy = parsePolicy(
  JSON.stringify({ timeZone: 'Europe/Berlin', teams: { search: { members: ['U100'], approvers: ['U900'] } } }),
  'tokenwise.config.json',
);

/** A POST streamed in 64 KiB chunks by node:http, as a gateway's client sends it; resolves with the answer. */
function upload(
  url: string,
  size: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(size) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('HTTP edges', function () {
  this.timeout(60_000);
  const fixture = testBot({ policy, now: () => NOW, env: () => ({ LOG_LEVEL: 'error' }) });

  it('answers a usage batch over the limit with 413 and "split it", after reading it, then closes the connection', async () => {
    const answer = await upload(`${fixture.base}/v1/usage`, MAX_BYTES + 1, {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    });
    assert.equal(answer.status, 413);
    assert.match(JSON.parse(answer.body).error, /batch over 16777216 bytes: split it/);
    assert.equal(answer.connection, 'close');
    assert.deepEqual(await fixture.store.spend({ fromDay: '2026-11-01', toDay: '2026-11-30', by: 'team' }), []);
  });

  it('answers the same over fetch, which sends the whole body before reading the answer', async () => {
    const response = await fetch(`${fixture.base}/v1/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: ' '.repeat(MAX_BYTES + 10),
    });
    assert.equal(response.status, 413);
    assert.match(((await response.json()) as { error: string }).error, /split it/);
  });

  it('still takes a batch exactly at the limit', async () => {
    const row = JSON.stringify({
      id: 'at-limit',
      time: '2026-11-20T10:00:00Z',
      provider: 'openai',
      model: 'gpt-4o',
      inputTokens: 10,
      outputTokens: 1,
      costNanos: 5,
    });
    const response = await fetch(`${fixture.base}/v1/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: `[${row}]`.padEnd(MAX_BYTES, ' '),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { inserted: 1, duplicates: 0 });
  });

  it('answers a Slack request over Bolt’s 4 MB with 413, not a reset', async () => {
    const answer = await upload(`${fixture.base}/slack/events`, defaultBodyLimit + 1, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-slack-signature': 'v0=00',
    });
    assert.equal(answer.status, 413);
    assert.match(JSON.parse(answer.body).error, /over 4194304 bytes/);
  });

  it('refuses a genuine signature dated more than 5 minutes ahead, like a stale one, and runs nothing', async () => {
    const url = fixture.slack.responseUrl('ahead');
    const body = slashCommandBody({ text: 'help', user_id: 'U100', response_url: url });
    const ahead = await post(
      `${fixture.base}/slack/events`,
      signed(SECRET, body, 'application/x-www-form-urlencoded', Math.floor(Date.now() / 1000) + 6 * 60),
    );
    assert.equal(ahead.status, 401);
    assert.match(ahead.text, /more than 5 minutes ahead/);
    const stale = await post(
      `${fixture.base}/slack/events`,
      signed(SECRET, body, 'application/x-www-form-urlencoded', Math.floor(Date.now() / 1000) - 6 * 60),
    );
    assert.equal(stale.status, 401);
    // A clock a little ahead (within the 5 minutes) is still Slack's.
    const near = await post(
      `${fixture.base}/slack/events`,
      signed(SECRET, body, 'application/x-www-form-urlencoded', Math.floor(Date.now() / 1000) + 60),
    );
    assert.equal(near.status, 200);
    assert.match(near.text, /tokens spend/);
  });

  it('listens on HOST only: 127.0.0.1 in tests', async () => {
    assert.equal((await fetch(`${fixture.base}/healthz`)).status, 200);
    await assert.rejects(fetch(`http://[::1]:${fixture.bot.port}/healthz`));
  });
});
