// One number: every example under examples/ and a generated set of prompts, through every face of the CLI — audit
// as JSON, SARIF and text, count and cost as JSON and text, count --request for the requests the calls make — show
// the same count and cost for the same prompt, label an assumed model alike, and split the headline the same way.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatUsd, resetPriceData } from '../../core/node';
import { generatePromptSet } from '../support/promptSet';
import { runCliCaptured } from '../support/cli';

interface AuditPrompt {
  id: string;
  promptId: string;
  kind: string;
  range: { startLine: number };
  model: string;
  modelSource: string;
  modelAssumed: boolean;
  tokens: { tokens: number; exact: boolean; low: number; high: number };
  parts: { label: string; tokens: number }[];
  outputTokens: number;
  callsPerDay: number;
  volumeSource: string;
  cost?: { perCall: number; perMonth: number };
}

describe('one number in every CLI face', function () {
  this.timeout(120_000);
  let dir: string;
  let savedCacheHome: string | undefined;
  const { files, requests } = generatePromptSet();
  // A wide terminal, so the audit prints its table (narrower ones get a record per prompt, with the same cells).
  const cli = (args: string[]) => runCliCaptured(args, { cwd: dir, columns: 400 });
  let audited: Map<string, AuditPrompt[]>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-faces-'));
    mkdirSync(join(dir, '.git'));
    // The examples with their policy at the root, so every face reads the same policy for every file.
    cpSync('examples', dir, { recursive: true });
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.text);
    }
    savedCacheHome = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
    const run = await cli(['audit', '.', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { files: { file: string; prompts: AuditPrompt[] }[] };
    audited = new Map(json.files.map((file) => [file.file, file.prompts]));
  });
  after(() => {
    if (savedCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = savedCacheHome;
    resetPriceData();
    rmSync(dir, { recursive: true, force: true });
  });

  const allPrompts = () => [...audited].flatMap(([file, prompts]) => prompts.map((prompt) => ({ file, prompt })));

  it('finds the prompts of every example and every generated file', () => {
    for (const file of [
      'src/triage.ts',
      'src/chat.ts',
      'support-reply.prompt',
      'prompts/classify-intent.prompty',
      'prompts/support-agent.j2',
      'app/summarize_thread.py',
    ]) {
      assert.ok(audited.get(file)?.length, `${file}: ${[...audited.keys()].join(', ')}`);
    }
    for (const file of files) assert.equal(audited.get(file.path)?.length, 1, file.path);
  });

  it("adds each prompt's lines (message framing its own line) up to its total", () => {
    for (const { file, prompt } of allPrompts()) {
      assert.equal(
        prompt.parts.reduce((sum, part) => sum + part.tokens, 0),
        prompt.tokens.tokens,
        `${file} ${prompt.id}`,
      );
      assert.ok(
        prompt.tokens.low <= prompt.tokens.tokens && prompt.tokens.tokens <= prompt.tokens.high,
        `${file} ${prompt.id}: the band holds the count`,
      );
    }
  });

  it('gives SARIF alerts the numbers of the prompt they are about', async () => {
    const run = await cli(['audit', '.', '--format', 'sarif']);
    const results = JSON.parse(run.stdout).runs[0].results as Array<{
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      properties?: { tokenwise: Record<string, unknown> };
    }>;
    assert.ok(results.length > 10);
    for (const result of results) {
      const numbers = result.properties?.tokenwise;
      assert.ok(numbers, result.message.text);
      const prompt = audited
        .get(result.locations[0]!.physicalLocation.artifactLocation.uri)
        ?.find((p) => p.promptId === numbers.promptId);
      assert.ok(prompt, JSON.stringify(numbers));
      assert.equal(numbers.tokens, prompt.tokens.tokens);
      assert.equal(numbers.costPerCall, prompt.cost?.perCall);
      assert.equal(numbers.costPerMonth, prompt.cost?.perMonth);
      assert.equal(numbers.model, prompt.model);
      assert.equal(numbers.modelAssumed, prompt.modelAssumed);
      if (prompt.modelAssumed && /\$[\d.,]+\/month/.test(result.message.text))
        assert.match(result.message.text, /priced as assumed [\w.-]+ \(model unknown\)/);
    }
  });

  it('shows the same tokens, costs and model labels in the text table', async () => {
    const run = await cli(['audit', '.']);
    const rows = run.stdout.split('\n');
    for (const { file, prompt } of allPrompts()) {
      const row = rows.find((line) => line.includes(` ${file}:${prompt.range.startLine + 1} `));
      assert.ok(row, `${file}:${prompt.range.startLine + 1}`);
      assert.ok(
        row.includes(`${prompt.tokens.exact ? '' : '≈'}${prompt.tokens.tokens.toLocaleString('en-US')} `),
        `${row} / ${prompt.tokens.tokens}`,
      );
      assert.ok(row.includes(formatUsd(prompt.cost!.perCall)) && row.includes(formatUsd(prompt.cost!.perMonth)), row);
      assert.ok(
        row.includes(prompt.modelAssumed ? `assumed ${prompt.model} (model unknown)` : ` ${prompt.model} `),
        row,
      );
    }
    const assumed = allPrompts().filter(
      ({ prompt }) => prompt.modelAssumed || prompt.volumeSource === 'policy-default',
    );
    const assumedCost = assumed.reduce((sum, { prompt }) => sum + (prompt.cost?.perMonth ?? 0), 0);
    assert.ok(assumed.length > 0);
    assert.ok(run.stdout.includes(`≈ ${formatUsd(assumedCost)} resting on assumptions`), run.stdout.split('\n').at(-2));
  });

  it('counts and prices every prompt file with count and cost as the audit does', async () => {
    const promptFiles = allPrompts().filter(({ prompt }) => prompt.kind === 'file');
    assert.ok(promptFiles.length >= 12);
    for (const { file, prompt } of promptFiles) {
      const counted = await cli(['count', file, '--format', 'json']);
      assert.equal(counted.code, 0, `${file}: ${counted.stderr}`);
      const count = JSON.parse(counted.stdout);
      assert.equal(count.tokens, prompt.tokens.tokens, `count ${file}`);
      assert.equal(count.modelAssumed, prompt.modelAssumed, `count ${file}`);

      const priced = await cli(['cost', file, '--format', 'json']);
      assert.equal(priced.code, 0, `${file}: ${priced.stderr}`);
      const cost = JSON.parse(priced.stdout);
      assert.deepEqual(
        [
          cost.model,
          cost.modelAssumed,
          cost.count.tokens,
          cost.outputTokens,
          cost.callsPerDay,
          cost.perCall,
          cost.perMonth,
        ],
        [
          prompt.model,
          prompt.modelAssumed,
          prompt.tokens.tokens,
          prompt.outputTokens,
          prompt.callsPerDay,
          prompt.cost!.perCall,
          prompt.cost!.perMonth,
        ],
        `cost ${file}`,
      );
      const text = (await cli(['cost', file])).stdout;
      assert.ok(
        text.includes(formatUsd(prompt.cost!.perCall)) && text.includes(formatUsd(prompt.cost!.perMonth)),
        text,
      );
      if (prompt.modelAssumed) assert.match(text, /assumed [\w.-]+ \(model unknown\)/);
    }
  });

  it('counts the request a call makes as the audit counts the call', async () => {
    const sample =
      'Hi, I was charged twice for my March invoice (order 48213). Can you refund the duplicate? Thanks, Dana';
    const triageSystem =
      'You triage incoming support tickets for Helpdesk.\nClassify the ticket into exactly one category: billing, bug, account, feature-request or other.\n' +
      'Answer with the category name only, in lower case, with no explanation.';
    const all = [
      ...requests,
      {
        file: 'src/triage.ts',
        request: {
          model: 'gpt-4.1',
          messages: [
            { role: 'system', content: triageSystem },
            { role: 'user', content: `Ticket:\n${sample}` },
          ],
        },
      },
    ];
    assert.ok(all.length >= 5);
    for (const [index, { file, request }] of all.entries()) {
      const prompt = audited.get(file)?.find((p) => p.kind === 'call');
      assert.ok(prompt, file);
      writeFileSync(join(dir, `request${index}.json`), JSON.stringify(request));
      const run = await cli(['count', '--request', `request${index}.json`, '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      const count = JSON.parse(run.stdout);
      assert.deepEqual(
        [count.tokens, count.low, count.high],
        [prompt.tokens.tokens, prompt.tokens.low, prompt.tokens.high],
        `${file} (${request.model as string})`,
      );
    }
  });

  it("labels a prompt naming no model as assumed, and reads the prompt file's model and max tokens", () => {
    const reply = audited.get('support-reply.prompt')![0]!;
    assert.deepEqual([reply.modelAssumed, reply.modelSource, reply.model], [true, 'policy-default', 'gpt-4o-mini']);
    const classify = audited.get('prompts/classify-intent.prompty')![0]!;
    assert.deepEqual(
      [classify.modelAssumed, classify.modelSource, classify.model, classify.outputTokens],
      [false, 'file', 'gpt-4.1', 5],
    );
    const gemini = allPrompts().filter(({ file }) => file.endsWith('.j2') && file.startsWith('gen/'));
    for (const { prompt } of gemini) {
      assert.equal(prompt.modelSource, 'file');
      assert.ok(
        !prompt.parts.some((part) => part.label === 'overhead'),
        'Google documents no message framing: none is counted',
      );
      assert.ok(prompt.tokens.high > prompt.tokens.tokens);
    }
  });

  it("gives 'audit --env default' the numbers and findings of no --env, and refuses an unknown environment", async () => {
    const plain = await cli(['audit', '.', '--format', 'json']);
    const named = await cli(['audit', '.', '--format', 'json', '--env', 'default']);
    assert.equal(named.stdout, plain.stdout);
    const typo = await cli(['audit', '.', '--env', 'prodction']);
    assert.equal(typo.code, 2);
    assert.match(
      typo.stderr,
      /--env: the policy names no environment 'prodction' \(it has default, production\); did you mean 'production'\?/,
    );
  });
});
