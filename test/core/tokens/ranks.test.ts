import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

// Rank files are the bulk of every bundle (0.5–2.3 MB each), so they must be loaded only when an encoding is used,
// and only the one it needs — in Node, and in an esbuild bundle as the editor and the CLI load it.
describe('rank data loading', function () {
  this.timeout(60_000);

  it('loads in Node only the rank file of the encoding used', () => {
    const script = `
      const core = require('./core');
      const loaded = () => Object.keys(require.cache).filter((k) => k.includes('js-tiktoken')).map((k) => k.replace(/^.*\\/ranks\\//, ''));
      const steps = [loaded()];
      core.countTokens('hello', 'gpt-4o'); steps.push(loaded());
      core.countTokens('hello', 'gpt-4'); steps.push(loaded());
      core.countTokens('hello', 'text-davinci-003'); steps.push(loaded());
      console.log(JSON.stringify(steps));`;
    const run = spawnSync('node', ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [
      [],
      ['o200k_base.cjs'],
      ['o200k_base.cjs', 'cl100k_base.cjs'],
      ['o200k_base.cjs', 'cl100k_base.cjs', 'r50k_base.cjs'],
    ]);
  });

  it('loads no HTTP client to count: axios loads only when a request is sent', () => {
    const script = `
      const core = require('./core');
      require('./core/node');
      core.countTokens('hello', 'claude-sonnet-4-5');
      core.countChatRequest({ messages: [{ role: 'user', content: 'hi' }] }, 'gpt-4o');
      new core.ExactTokenCounter({}).countText('hi', 'gpt-4o').then(() =>
        console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('/node_modules/axios/')))));`;
    const run = spawnSync('node', ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  it('evaluates in a bundle only the rank module of the encoding used, and bundles three, not four', async () => {
    // Each rank module reports when it is evaluated, which in a bundle happens inside esbuild's lazy module wrapper.
    const result = await build({
      entryPoints: ['core/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
      metafile: true,
      plugins: [
        {
          name: 'report-rank-evaluation',
          setup(build) {
            build.onLoad({ filter: /js-tiktoken[\\/]dist[\\/]ranks[\\/]\w+\.cjs$/ }, (args) => {
              const name = /(\w+)\.cjs$/.exec(args.path)![1];
              return {
                contents: `globalThis.rankModulesEvaluated.push(${JSON.stringify(name)});\n${readFileSync(args.path, 'utf8')}`,
                loader: 'js',
              };
            });
          },
        },
      ],
    });
    const bundled = Object.keys(result.metafile.inputs)
      .filter((input) => input.includes('/ranks/'))
      .map((input) => /(\w+)\.cjs$/.exec(input)![1]);
    assert.deepEqual(bundled.sort(), ['cl100k_base', 'o200k_base', 'r50k_base']);

    const evaluated: string[] = [];
    const global = globalThis as { rankModulesEvaluated?: string[] };
    global.rankModulesEvaluated = evaluated;
    try {
      const module = { exports: {} as Record<string, unknown> };
      new Function('module', 'exports', result.outputFiles[0]!.text)(module, module.exports);
      const countTokens = module.exports.countTokens as (text: string, model: string) => { tokens: number };
      assert.deepEqual(evaluated, [], 'loading core evaluates no rank module');
      assert.equal(countTokens('hello world', 'gpt-4o').tokens, 2);
      assert.deepEqual(evaluated, ['o200k_base']);
      countTokens('hello world', 'claude-sonnet-4-5');
      assert.deepEqual(evaluated, ['o200k_base'], 'Claude estimates reuse o200k');
      countTokens('hello world', 'text-davinci-003');
      assert.deepEqual(evaluated, ['o200k_base', 'r50k_base'], 'p50k is built from r50k');
    } finally {
      delete global.rankModulesEvaluated;
    }
  });
});
