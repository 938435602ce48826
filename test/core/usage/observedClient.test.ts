import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  auditText,
  costMismatch,
  fetchObservedUsage,
  ObservedUsageError,
  observedLabel,
  observedUsageUrl,
  observedVolumes,
  serverUrlProblem,
} from '../../../core';
import { startReadApiServer, weekOfUsage, type ReadApiServer } from '../../support/readApiServer';

const token = 'read-token-1';
const usage = weekOfUsage(
  [
    { prompt: 'src/triage.ts#triage', calls: 127_680, costNanos: 450_333_333_333 },
    { prompt: 'src/idle.ts#idle', calls: 0, costNanos: 0 },
  ],
  null,
);

async function problemOf(promise: Promise<unknown>): Promise<ObservedUsageError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ObservedUsageError, String(error));
    return error;
  }
  assert.fail('expected an ObservedUsageError');
}

describe('observed usage client (real HTTP)', () => {
  let server: ReadApiServer;
  beforeEach(async () => {
    server = await startReadApiServer(token, usage);
  });
  afterEach(() => server.close());

  it('reads the answer, sending the app and the token and nothing else', async () => {
    const read = await fetchObservedUsage({ url: server.url, token, app: 'support-bot' });
    assert.equal(read.days, 7);
    assert.equal(read.app, 'support-bot');
    assert.equal(read.prompts[0]!.calls, 127_680);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.method, 'GET');
    assert.equal(server.requests[0]!.url, '/v1/usage/prompts?app=support-bot');
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${token}`);
  });

  it('keeps a path prefix of the server URL, and passes the window', () => {
    assert.equal(
      observedUsageUrl({ url: 'https://ops.example.com/tokenwise/', from: '2026-11-01', to: '2026-11-30' }),
      'https://ops.example.com/tokenwise/v1/usage/prompts?from=2026-11-01&to=2026-11-30',
    );
    assert.equal(
      observedUsageUrl({ url: 'https://ops.example.com/v1/usage/prompts' }),
      'https://ops.example.com/v1/usage/prompts',
    );
  });

  it('says why, for each way it fails', async () => {
    assert.equal((await problemOf(fetchObservedUsage({ url: server.url, token: 'wrong' }))).problem, 'unauthorized');
    const refused = await problemOf(fetchObservedUsage({ url: server.url, token: 'wrong' }));
    assert.match(refused.message, /refused the read token \(HTTP 401\)/);

    server.answer('off');
    const off = await problemOf(fetchObservedUsage({ url: server.url, token }));
    assert.equal(off.problem, 'off');
    assert.match(off.message, /read API is off/);

    server.answer({ invalid: { ...usage, prompts: [{ ...usage.prompts[0], calls: -1 }] } });
    const bad = await problemOf(fetchObservedUsage({ url: server.url, token }));
    assert.equal(bad.problem, 'bad-answer');
    assert.match(bad.message, /prompts\.0\.calls/);

    const invalidApp = await problemOf(fetchObservedUsage({ url: server.url, token, app: ' ' }));
    assert.equal(invalidApp.problem, 'refused');
    assert.match(invalidApp.message, /HTTP 400: app: must not be empty/);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const gone = await problemOf(fetchObservedUsage({ url, token }));
    assert.equal(gone.problem, 'unreachable');
    assert.match(gone.message, /cannot reach the tokenwise server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('gives up on a server that does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const slow = await problemOf(fetchObservedUsage({ url, token, timeoutMs: 200 }));
      assert.equal(slow.problem, 'unreachable');
      assert.match(slow.message, /did not answer within 0\.2 s/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('sends the token only over https, or to this machine', async () => {
    assert.match(serverUrlProblem('http://tokenwise.example.com') ?? '', /expected https/);
    assert.match(serverUrlProblem('https://user:pw@tokenwise.example.com') ?? '', /no user name/);
    assert.match(serverUrlProblem('tokenwise.example.com') ?? '', /absolute URL/);
    assert.equal(serverUrlProblem('https://tokenwise.example.com/base'), undefined);
    assert.equal(serverUrlProblem('http://localhost:3000'), undefined);
    const refused = await problemOf(fetchObservedUsage({ url: 'http://tokenwise.example.com', token }));
    assert.equal(refused.problem, 'bad-url');
    assert.equal(server.requests.length, 0);
  });
});

describe('observed volumes, labels and mismatches', () => {
  const volumes = observedVolumes(usage);
  const triage = usage.prompts[0]!;

  it('is a volume source for prompts with traffic, ranked before annotations and the policy', () => {
    assert.equal(volumes.window, 'last 7 days');
    assert.equal(volumes.callsPerDay('src/triage.ts#triage'), 18_240);
    assert.equal(volumes.callsPerDay('src/idle.ts#idle'), undefined, 'no traffic: the prompt keeps its own volume');
    const source = `import OpenAI from 'openai';\nconst openai = new OpenAI();\nexport function triage(ticket: string) {\n  // tokenwise-volume: 50/day\n  return openai.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: \`Label: \${ticket}\` }] });\n}\n`;
    const [report] = auditText(source, 'src/triage.ts', { volumes }).prompts;
    assert.equal(report!.volumeSource, 'observed');
    assert.equal(report!.callsPerDay, 18_240);
    const [elsewhere] = auditText(source, 'src/other.ts', { volumes }).prompts;
    assert.equal(elsewhere!.volumeSource, 'annotation');
  });

  it('labels what a prompt really costs, a month being 30 days', () => {
    assert.equal(observedLabel(triage, usage), 'observed: 18.2k calls/day, $1,930/month (last 7 days)');
  });

  it('flags an estimate per call more than 2× away from the observed cost per call', () => {
    const observedPerCall = triage.costNanos / triage.calls; // ≈ $0.0035
    assert.equal(costMismatch(Math.round(observedPerCall), triage), undefined);
    assert.equal(costMismatch(Math.ceil(observedPerCall / 2), triage), undefined, 'exactly 2× is not flagged');
    const low = costMismatch(1_000_000, triage)!;
    assert.ok(low.ratio > 3.5 && low.ratio < 3.6);
    assert.equal(low.label, 'observed $0.0035/call is 3.5× the estimate ($0.0010/call)');
    const high = costMismatch(20_000_000, triage)!;
    assert.equal(high.label, 'observed $0.0035/call is 1/5.7 of the estimate ($0.020/call)');
    assert.equal(costMismatch(undefined, triage), undefined, 'no price: nothing to compare');
    assert.equal(costMismatch(1_000_000, usage.prompts[1]!), undefined, 'no calls: nothing to compare');
  });
});
