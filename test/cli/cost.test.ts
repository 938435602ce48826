import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens, resetPriceData } from '../../core/node';
import { runCliCaptured } from '../support/cli';

describe('tokenwise cost', () => {
  let dir: string;
  let savedCacheHome: string | undefined;
  const prompt = 'You are a support agent for an online shop. Answer the customer politely and in two sentences.\n';
  const cli = (args: string[]) => runCliCaptured(['cost', ...args], { cwd: dir });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-cost-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'reply.prompt'), prompt);
    savedCacheHome = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = join(dir, 'cache'); // no refreshed prices: the bundled snapshot is used
  });
  after(() => {
    if (savedCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = savedCacheHome;
    resetPriceData();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prices a prompt file per call, day and month, with the price date', async () => {
    const run = await cli([
      'reply.prompt',
      '--model',
      'gpt-4o',
      '--output-tokens',
      '200',
      '--calls-per-day',
      '10000',
      '--format',
      'json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    // The file is one user message: OpenAI's framing adds 3 for it, 1 for its role and 3 priming the reply.
    const tokens = countTokens(prompt, 'gpt-4o').tokens + 7;
    assert.equal(json.count.tokens, tokens);
    assert.deepEqual(json.parts, [
      { label: 'prompt', tokens: tokens - 7, variableTokens: 0 },
      { label: 'overhead', tokens: 7, variableTokens: 0 },
    ]);
    assert.equal(json.modelSource, 'option');
    assert.equal(json.modelAssumed, false);
    assert.equal(json.perCall, Math.round(tokens * 2.5 * 1000) + Math.round(200 * 10 * 1000));
    assert.equal(json.perDay, json.perCall * 10_000);
    assert.equal(json.perMonth, json.perDay * 30);
    assert.equal(json.pricesAsOf, '2026-09-23');
    assert.equal(json.provider, 'openai');

    const text = await cli(['reply.prompt', '--model', 'gpt-4o', '--output-tokens', '200', '--calls-per-day', '10000']);
    assert.match(text.stdout, /reply\.prompt with gpt-4o \(openai\): \d+ tokens in, 200 out per call/);
    assert.match(text.stdout, /per month +\$[\d,.]+ \(30 days\)/);
    assert.match(text.stdout, /prices as of 2026-09-23/);
  });

  it("prices with the file's own model and max tokens, else an assumed model it labels", async () => {
    writeFileSync(
      join(dir, 'capped.prompty'),
      '---\nmodel:\n  configuration:\n    name: gpt-4.1\n  parameters:\n    max_tokens: 1\n---\nsystem:\nAnswer yes or no.\n',
    );
    const capped = JSON.parse((await cli(['capped.prompty', '--format', 'json'])).stdout);
    assert.equal(capped.model, 'gpt-4.1');
    assert.equal(capped.modelSource, 'file');
    assert.equal(capped.outputTokens, 1);
    assert.equal(capped.outputSource, 'file');
    // Front matter is settings: only the body is prompt text.
    assert.equal(capped.parts[0].tokens, countTokens('Answer yes or no.\n', 'gpt-4.1').tokens);
    const assumed = await cli(['reply.prompt']);
    assert.equal(assumed.code, 0, assumed.stderr);
    assert.match(assumed.stdout, /with assumed gpt-4o-mini \(model unknown\)/);
    assert.match(assumed.stdout, /per call +≈ \$/);
    assert.match(assumed.stdout, /at 1,000 calls\/day \(policy default\)/);
  });

  it('takes volume and output assumptions and custom prices from the policy file', async () => {
    writeFileSync(
      join(dir, 'tokenwise.config.json'),
      JSON.stringify({
        volumes: [{ glob: '*.prompt', callsPerDay: 20 }],
        outputTokens: [{ glob: '*.prompt', tokens: 1000 }],
        customModels: { 'acme-llama-70b': { provider: 'self-hosted', inputPerMTok: 1, outputPerMTok: 2 } },
      }),
    );
    try {
      const run = await cli(['reply.prompt', '--model', 'acme-llama-70b', '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const json = JSON.parse(run.stdout);
      assert.equal(json.callsPerDay, 20);
      assert.equal(json.outputTokens, 1000);
      assert.equal(json.provider, 'self-hosted');
      assert.equal(json.count.exact, false);
      assert.equal(json.perCall, json.count.tokens * 1000 + 1000 * 2 * 1000);
      assert.equal(json.priceSource, 'policy');
    } finally {
      rmSync(join(dir, 'tokenwise.config.json'));
    }
  });

  it('shows the saving from prompt caching when the static prefix is long enough', async () => {
    writeFileSync(
      join(dir, 'long.prompt'),
      `${'Policy: refunds within 30 days of delivery, with the receipt. '.repeat(200)}\nCustomer: where is my parcel?`,
    );
    const json = JSON.parse(
      (
        await cli([
          'long.prompt',
          '--model',
          'gpt-4o',
          '--calls-per-day',
          '5000',
          '--static-prefix',
          '2000',
          '--format',
          'json',
        ])
      ).stdout,
    );
    assert.equal(json.withCaching.cachedPrefixTokens, 2000);
    assert.ok(json.withCaching.savingPerMonth > 0);
    const text = await cli(['long.prompt', '--model', 'gpt-4o', '--calls-per-day', '5000', '--static-prefix', '2000']);
    assert.match(
      text.stdout,
      /with prompt caching of the 2,000-token static prefix:\n {4}\$[\d.]+ per cached call, \$[\d,.]+ per month \(saves \$[\d,.]+, [\d.]+ %\)/,
    );
    const short = JSON.parse(
      (await cli(['long.prompt', '--model', 'gpt-4o', '--static-prefix', '500', '--format', 'json'])).stdout,
    );
    assert.equal(short.withCaching, undefined);
  });

  it('prices a model only a host serves, with its tokens marked as an estimate', async () => {
    const run = await cli(['reply.prompt', '--model', 'moonshotai/kimi-k2-instruct', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.provider, 'groq');
    assert.equal(json.count.exact, false);
    assert.match(json.count.note, /Unknown model 'moonshotai\/kimi-k2-instruct': estimated/);
    assert.ok(json.perCall > 0);
  });

  it('refuses to price with an invalid policy file, naming file, line and field', async () => {
    writeFileSync(join(dir, 'tokenwise.config.json'), '{\n  "defaultCallsPerDay": -5\n}\n');
    try {
      const run = await cli(['reply.prompt', '--model', 'gpt-4o']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /tokenwise\.config\.json:2: defaultCallsPerDay: expected a number ≥ 0/);
      assert.equal(run.stdout, '');
    } finally {
      rmSync(join(dir, 'tokenwise.config.json'));
    }
  });

  it('suggests the closest known names for an unknown model', async () => {
    const run = await cli(['reply.prompt', '--model', 'claude-sonet-4-5']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown model 'claude-sonet-4-5'\. Closest known: claude-sonnet-4-5/);
  });

  it('rejects bad arguments with exit code 2', async () => {
    writeFileSync(join(dir, 'huge.prompt'), '');
    truncateSync(join(dir, 'huge.prompt'), 100 * 1024 * 1024);
    writeFileSync(join(dir, 'image.prompt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    const cases: [string[], RegExp][] = [
      [['--model', 'gpt-4o'], /one prompt FILE/],
      [['missing.prompt', '--model', 'gpt-4o'], /cannot read missing\.prompt: no such file/],
      [['reply.prompt', '--model', 'gpt-4o', '--calls-per-day', 'lots'], /--calls-per-day must be a whole number/],
      [['reply.prompt', '--model', 'gpt-4o', '--output-tokens=-5'], /--output-tokens must be a whole number/],
      [['reply.prompt', '--model', 'gpt-4o', '--format', 'xml'], /--format must be one of text, json/],
      [['reply.prompt', '--model', 'gpt-4o', '--colour'], /Unknown option '--colour'/],
      [['huge.prompt', '--model', 'gpt-4o'], /huge\.prompt is 100\.0 MiB, over the 32 MiB limit/],
      [['image.prompt', '--model', 'gpt-4o'], /image\.prompt looks binary \(NUL byte at offset 4\)/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
  });
});
