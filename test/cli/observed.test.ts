import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured } from '../support/cli';
import { startReadApiServer, weekOfUsage, type ReadApiServer } from '../support/readApiServer';
import { initRepository } from '../support/git';

const token = 'read-token-for-ci';

const cli = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) =>
  runCliCaptured(args, { cwd, columns: 200, env: { TOKENWISE_READ_TOKEN: token, ...env } });

const call = (name: string, model = 'gpt-4o-mini', extra = '') =>
  `import OpenAI from 'openai';\nconst openai = new OpenAI();\n\nexport async function ${name}(input: string) {\n  return openai.chat.completions.create({\n    model: '${model}',\n    max_tokens: 300,\n    messages: [{ role: 'system', content: 'You handle the ${name} step for support tickets. Answer briefly and precisely.${extra}' }, { role: 'user', content: \`Input: \${input}\` }],\n  });\n}\n`;

describe('--volumes-from: observed traffic in audit and diff (real HTTP)', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ReadApiServer;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const write = (path: string, content: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-observed-'));
    initRepository(dir);
    write('src/triage.ts', call('triageTicket'));
    write('src/summarize.ts', call('summarizeThread'));
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    // triageTicket: 140,000 calls in 7 days, $0.02 a call — far above its estimate, so it is also flagged.
    server = await startReadApiServer(
      token,
      weekOfUsage([
        { prompt: 'src/triage.ts#triageTicket', calls: 140_000, costNanos: 140_000 * 20_000_000 },
        { prompt: 'src/unknown.ts#gone', calls: 7, costNanos: 7_000 },
      ]),
    );
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audit: observed volumes win where there is traffic, and every format says so', async () => {
    const text = await cli(['audit', '.', '--volumes-from', server.url, '--app', 'support-bot'], dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /20,000 observed/);
    assert.match(text.stdout, /1,000 default/, 'a prompt without traffic keeps its volume');
    assert.match(
      text.stdout,
      /Monthly figures of 1 prompt\(s\) rest on traffic observed \(last 7 days, 2026-11-28 to 2026-12-04\) from http:\/\/127\.0\.0\.1:\d+ for app support-bot/,
    );
    assert.match(
      text.stdout,
      /src\/triage\.ts:5 src\/triage\.ts#triageTicket: observed \$0\.020\/call is [\d.]+× the estimate/,
    );
    assert.doesNotMatch(text.stdout + text.stderr, new RegExp(token), 'the token is never printed');
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.url, '/v1/usage/prompts?app=support-bot');
    assert.equal(server.requests[0]!.headers.authorization, `Bearer ${token}`);

    const json = JSON.parse((await cli(['audit', '.', '--format', 'json', '--volumes-from', server.url], dir)).stdout);
    const prompts = json.files.flatMap((file: { prompts: unknown[] }) => file.prompts);
    const triage = prompts.find((p: { promptId: string }) => p.promptId === 'src/triage.ts#triageTicket');
    assert.equal(triage.volumeSource, 'observed');
    assert.equal(triage.callsPerDay, 20_000);
    assert.equal(triage.observed.window, 'last 7 days');
    assert.equal(triage.observed.costPerCall, 20_000_000);
    assert.equal(triage.observed.costPerMonth, 20_000 * 30 * 20_000_000);
    assert.ok(triage.observed.mismatch.ratio > 2);
    assert.equal(triage.cost.perMonth, triage.cost.perCall * 20_000 * 30);
    assert.deepEqual(
      { ...json.observedVolumes, url: undefined },
      {
        url: undefined,
        app: null,
        from: '2026-11-28',
        to: '2026-12-04',
        days: 7,
        window: 'last 7 days',
        promptsWithTraffic: 2,
      },
    );
    const summarize = prompts.find((p: { promptId: string }) => p.promptId === 'src/summarize.ts#summarizeThread');
    assert.equal(summarize.volumeSource, 'policy-default');
    assert.equal(summarize.observed, undefined);

    const sarif = JSON.parse(
      (await cli(['audit', '.', '--format', 'sarif', '--volumes-from', server.url], dir)).stdout,
    );
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map(
      (n: { message: { text: string } }) => n.message.text,
    );
    assert.ok(notes.some((note: string) => /rest on traffic observed \(last 7 days/.test(note)));
  });

  it('diff: monthly figures rest on observed traffic and say so, in text, markdown, json and sarif', async () => {
    git('checkout', '-q', '-b', 'feature');
    write('src/triage.ts', call('triageTicket', 'gpt-4o', ' Add the customer tier to every answer.'));
    git('commit', '-qam', 'bigger model');
    const base = ['diff', '--base', 'main', '--head', 'feature', '--volumes-from', server.url];
    const text = await cli(base, dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /20k\/day \(observed \(last 7 days\)\)/);
    assert.match(text.stdout, /volumes: 1 observed \(last 7 days\)/);
    assert.match(text.stdout, /Volumes marked observed: observed \(last 7 days, 2026-11-28 to 2026-12-04\) from http/);

    const json = JSON.parse((await cli([...base, '--format', 'json'], dir)).stdout);
    const triage = json.prompts[0];
    assert.equal(triage.base.volumeSource, 'observed');
    assert.equal(triage.head.volumeSource, 'observed');
    assert.equal(triage.head.perMonth, triage.head.perCall * 20_000 * 30);
    assert.equal(json.observedVolumes.window, 'last 7 days');
    assert.deepEqual(json.volumeSources, { observed: 1 });

    const markdown = (await cli([...base, '--format', 'markdown'], dir)).stdout;
    assert.match(markdown, /volumes: 1 observed \(last 7 days\)/);
    assert.match(markdown, /volumes observed \(last 7 days\) where prompts had traffic/);
    assert.doesNotMatch(markdown, /127\.0\.0\.1/, "the server's address stays out of a pull-request comment");

    const sarif = JSON.parse((await cli([...base, '--format', 'sarif'], dir)).stdout);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map(
      (n: { message: { text: string } }) => n.message.text,
    );
    assert.ok(notes.some((note: string) => /^Volumes marked observed: observed \(last 7 days/.test(note)));
  });

  it('an unreadable server, a refused token or a missing one: a clear message and exit code 2', async () => {
    const refused = await cli(['audit', '.', '--volumes-from', server.url], dir, { TOKENWISE_READ_TOKEN: 'wrong' });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refused the read token \(HTTP 401\).*\(from TOKENWISE_READ_TOKEN\)/);
    assert.doesNotMatch(refused.stderr, /wrong/, 'the token is never printed');

    const missing = await cli(['diff', '--volumes-from', server.url], dir, { TOKENWISE_READ_TOKEN: undefined });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs the server's read token in the environment variable TOKENWISE_READ_TOKEN/);

    server.answer('off');
    const off = await cli(['diff', '--volumes-from', server.url], dir);
    assert.equal(off.code, 2);
    assert.match(off.stderr, /read API is off/);

    server.answer({ invalid: { app: null, prompts: 'none' } });
    const bad = await cli(['audit', '.', '--volumes-from', server.url], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /gave an answer this version cannot read/);

    await server.close();
    const down = await cli(['audit', '.', '--volumes-from', 'http://127.0.0.1:9'], dir);
    assert.equal(down.code, 2);
    assert.match(down.stderr, /cannot reach the tokenwise server at http:\/\/127\.0\.0\.1:9/);

    const plain = await cli(['audit', '.', '--volumes-from', 'http://tokenwise.example.com'], dir);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /expected https/);

    const appAlone = await cli(['audit', '.', '--app', 'x'], dir);
    assert.equal(appAlone.code, 2);
    assert.match(appAlone.stderr, /--app needs --volumes-from URL/);
  });
});
