import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetPriceData } from '../../core/node';
import { runCliCaptured } from '../support/cli';

describe('tokenwise models', () => {
  let dir: string;
  let savedCacheHome: string | undefined;
  const cli = (args: string[]) => runCliCaptured(['models', ...args], { cwd: dir });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-models-'));
    mkdirSync(join(dir, '.git'));
    savedCacheHome = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
  });
  after(() => {
    if (savedCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = savedCacheHome;
    resetPriceData();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a table with prices per million tokens, context and tier, and the price date', async () => {
    const run = await cli(['--provider', 'openai']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0]!, /^Model +Provider +Tier +Input +Output +Context +Max out +Capabilities$/);
    assert.ok(
      lines.some((line) => /^gpt-4o +openai +large +\$2\.50 +\$10 +128k +16k +tools vision json$/.test(line)),
      run.stdout,
    );
    assert.ok(lines.slice(1, -2).every((line) => / openai /.test(line)));
    assert.match(run.stdout, /as of 2026-09-23 \(bundled data\)/);
  });

  it('prints JSON, custom models from the policy included', async () => {
    writeFileSync(
      join(dir, 'tokenwise.config.json'),
      JSON.stringify({
        customModels: { 'acme-70b': { provider: 'self-hosted', inputPerMTok: 0.2, outputPerMTok: 0.4 } },
      }),
    );
    try {
      const run = await cli(['--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const json = JSON.parse(run.stdout);
      assert.equal(json.pricesAsOf, '2026-09-23');
      const providers = new Set(json.models.map((m: { provider: string }) => m.provider));
      for (const provider of ['openai', 'anthropic', 'google', 'groq', 'self-hosted'])
        assert.ok(providers.has(provider), provider);
      assert.deepEqual(json.models.find((m: { id: string }) => m.id === 'acme-70b').custom, true);
    } finally {
      rmSync(join(dir, 'tokenwise.config.json'));
    }
  });

  it('refuses an invalid policy file, naming file, line and field', async () => {
    writeFileSync(
      join(dir, 'tokenwise.config.yaml'),
      'customModels:\n  acme-70b:\n    inputPerMTok: cheap\n    outputPerMTok: 1\n',
    );
    try {
      const run = await cli([]);
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /tokenwise\.config\.yaml:3: customModels\.acme-70b\.inputPerMTok: expected a number ≥ 0/,
      );
    } finally {
      rmSync(join(dir, 'tokenwise.config.yaml'));
    }
  });

  it('rejects an unknown provider or format with exit code 2', async () => {
    const provider = await cli(['--provider', 'opneai']);
    assert.equal(provider.code, 2);
    assert.match(provider.stderr, /no models for provider 'opneai'; known providers: openai, anthropic, google, groq/);
    const format = await cli(['--format', 'csv']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be one of text, json/);
  });
});
