import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIO } from '../../cli/io';
import { runCli } from '../../cli/main';
import { runCliCaptured } from '../support/cli';

const cli = (args: string[], cwd: string, isTTY = false, columns?: number) =>
  runCliCaptured(['audit', ...args], { cwd, isTTY, columns });

const repository = resolve(__dirname, '../..');

describe('tokenwise audit', function () {
  // Whole runs over real files on a shared machine: generous, since speed is measured by bench:audit, not here.
  this.timeout(60_000);
  let dir: string;
  const write = (path: string, content: string | Uint8Array) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-audit-'));
    write(
      'src/triage.ts',
      [
        "import OpenAI from 'openai';",
        'const openai = new OpenAI();',
        'export const triage = (ticket: string) =>',
        '  openai.chat.completions.create({',
        "    model: 'gpt-4o-mini',",
        "    messages: [{ role: 'system', content: 'Classify the ticket as billing, bug or other.' }, { role: 'user', content: ticket }],",
        '  });',
        '',
      ].join('\n'),
    );
    write(
      'prompts/leaky.prompt',
      'Call the API with sk-proj-EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000 and summarise {{ticket}}.\n',
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a summary table, the findings and totals, and exits 0 without --fail-on', async () => {
    const run = await cli([], dir, false, 200);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /PROMPT\s+FILE:LINE\s+TOKENS\s+\$\/CALL\s+\$\/MONTH\s+CALLS\/DAY\s+MODEL\s+CHEAPER TIER \(SAVING\)\s+SCORE\s+FINDINGS/,
    );
    // The triage row: a label, file:line, tokens, $/call, $/month, the model, a tier or '–', the score and the counts.
    assert.match(
      run.stdout,
      /openai\.chat call\s+src\/triage\.ts:4\s+≈?\d+\s+\$[\d.]+\s+≈\$[\d.]+\s+1,000 default\s+gpt-4o-mini\s+\S.*\s\d{1,3}\s+\d+W/,
    );
    assert.match(run.stdout, /src\/triage\.ts:4/);
    assert.match(run.stdout, /prompts\/leaky\.prompt:1:\d+\s+error\s+secret-in-prompt/);
    assert.match(run.stdout, /src\/triage\.ts:\d+:\d+\s+warning\s+no-output-cap/);
    assert.match(run.stdout, /2 prompt\(s\) in 2 file\(s\)/);
    assert.ok(!run.stdout.includes('EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000'), 'the report must not repeat the secret');
  });

  it('exits 1 when a finding reaches --fail-on, 0 when none does', async () => {
    assert.equal((await cli(['--fail-on', 'error'], dir)).code, 1);
    rmSync(join(dir, 'prompts'), { recursive: true });
    assert.equal((await cli(['--fail-on', 'error'], dir)).code, 0);
    assert.equal((await cli(['--fail-on', 'warning'], dir)).code, 1);
  });

  it('exits 1 when a prompt costs more than --max-cost-per-call', async () => {
    const over = await cli(['--max-cost-per-call', '$0.0000001'], dir);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /over \$[\d.]+\/call/);
    assert.equal((await cli(['--max-cost-per-call', '1'], dir)).code, 0);
  });

  it('exits 2 on bad arguments, a missing path or an invalid policy file', async () => {
    assert.equal((await cli(['--format', 'xml'], dir)).code, 2);
    assert.equal((await cli(['--fail-on', 'fatal'], dir)).code, 2);
    assert.equal((await cli(['--max-cost-per-call', 'cheap'], dir)).code, 2);
    const model = await cli(['--model', 'gpt-4-omni'], dir);
    assert.equal(model.code, 2);
    assert.match(model.stderr, /unknown model 'gpt-4-omni'/);
    const missing = await cli(['nope'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: nope/);
    write('tokenwise.config.yaml', 'defaultCallsPerDay: lots\n');
    const bad = await cli([], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /tokenwise\.config\.yaml/);
  });

  it('exits 3 on an internal error, such as a report it cannot write', async () => {
    let stderr = '';
    const io: CliIO = {
      stdout: () => {
        throw new Error('write EPIPE');
      },
      stderr: (t) => void (stderr += t),
      readStdin: async () => '',
      isTTY: false,
      cwd: dir,
    };
    assert.equal(await runCli(['audit'], io), 3);
    assert.match(stderr, /tokenwise audit: unexpected error: Error: write EPIPE/);
  });

  it('skips binary and huge files with a notice and keeps going past a file it cannot read', async () => {
    write('prompts/logo.prompt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    write('prompts/huge.prompt', 'Summarise. '.repeat(300_000));
    write('src/broken.ts', 'const prompt = `unterminated ${ openai.chat.completions.create({ model: ');
    const run = await cli([], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /prompts\/logo\.prompt: skipped: binary file/);
    assert.match(run.stdout, /prompts\/huge\.prompt: skipped: .* over the 2.0 MiB limit/);
    assert.match(run.stdout, /src\/broken\.ts: could not parse/);
    const sarif = JSON.parse((await cli(['--format', 'sarif'], dir)).stdout);
    const [invocation] = sarif.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, true);
    const notified = invocation.toolExecutionNotifications.map(
      (n: { level: string; message: { text: string } }) => `${n.level} ${n.message.text}`,
    );
    assert.ok(
      notified.some((n: string) => /^note prompts\/logo\.prompt: skipped: binary file/.test(n)),
      notified.join('\n'),
    );
    assert.ok(
      notified.some((n: string) => /^note src\/broken\.ts: could not parse/.test(n)),
      notified.join('\n'),
    );
    assert.match(run.stdout, /secret-in-prompt/);
  });

  it('honours .gitignore, .tokenwiseignore and --exclude, and counts what it passed over and could not read', async () => {
    const call = (system: string) =>
      `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: '${system}' }] });\n`;
    write('.gitignore', 'generated/\n');
    write('.tokenwiseignore', '*.fixture.ts\n');
    write('generated/client.ts', call('Generated system prompt here.'));
    write('src/sample.fixture.ts', call('Fixture system prompt here.'));
    write('vendor/lib.ts', call('Vendored system prompt here.'));
    write(
      'src/dynamic.ts',
      "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (params: object) => client.chat.completions.create(params);\n",
    );
    write('docs/notes.csv', 'a,b\n');

    const quiet = await cli(['--exclude', 'vendor', '--exclude', '*.csv'], dir);
    assert.equal(quiet.code, 0, quiet.stderr);
    // Lines wrap at the terminal's width with an indent: read them joined.
    quiet.stdout = quiet.stdout.replace(/\n {4}/g, ' ');
    assert.doesNotMatch(quiet.stdout, /generated\/client\.ts|sample\.fixture|vendor\/lib/);
    assert.match(quiet.stdout, /passed over .*2 ignored \(\.gitignore\/\.tokenwiseignore\)/);
    assert.match(quiet.stdout, /passed over .*2 excluded \(--exclude\)/);
    assert.match(quiet.stdout, /1 LLM call\(s\) seen whose prompt could not be read/);
    assert.doesNotMatch(quiet.stdout, /src\/dynamic\.ts:3: openai\.chat call/);

    const verbose = await cli(['--exclude', 'vendor', '--verbose'], dir);
    assert.match(verbose.stdout, /docs\/notes\.csv: passed over: not a source or prompt file/);
    assert.match(verbose.stdout, /vendor\/: passed over: excluded/);
    assert.match(
      verbose.stdout,
      /src\/dynamic\.ts:3: openai\.chat call, prompt not read: its request is built at run time/,
    );

    const all = await cli(['--no-gitignore', '--format', 'json'], dir);
    const report = JSON.parse(all.stdout);
    const files = report.files.map((file: { file: string }) => file.file);
    assert.ok(files.includes('generated/client.ts') && !files.includes('src/sample.fixture.ts'), files.join(', '));
    assert.equal(report.scope.unreadCalls, 1);
    const dynamic = report.files.find((file: { file: string }) => file.file === 'src/dynamic.ts');
    assert.equal(dynamic.unreadCalls[0].range.startLine, 2);
  });

  it('writes JSON with per-prompt cost, findings and a summary', async () => {
    const run = await cli(['--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.summary.prompts, 2);
    const triage = report.files.find((f: { file: string }) => f.file === 'src/triage.ts');
    assert.equal(triage.prompts[0].model, 'gpt-4o-mini');
    assert.ok(triage.prompts[0].cost.perCall > 0);
    assert.ok(triage.prompts[0].findings.some((f: { ruleId: string }) => f.ruleId === 'no-output-cap'));
  });

  it('writes SARIF 2.1.0 that code scanning accepts', async () => {
    const run = await cli(['--format', 'sarif'], dir);
    assert.equal(run.code, 0, run.stderr);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    const [runs] = sarif.runs;
    assert.equal(runs.tool.driver.name, 'tokenwise');
    const ruleIds: string[] = runs.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.ok(ruleIds.length >= 13);
    for (const rule of runs.tool.driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.ok(runs.results.length >= 2);
    for (const result of runs.results) {
      assert.ok(ruleIds.includes(result.ruleId));
      assert.equal(runs.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      const location = result.locations[0].physicalLocation;
      assert.ok(!location.artifactLocation.uri.startsWith('/'), 'relative uri');
      assert.ok(!location.artifactLocation.uri.includes('\\'));
      assert.ok(Number.isInteger(location.region.startLine) && location.region.startLine >= 1);
      assert.ok(Number.isInteger(location.region.startColumn) && location.region.startColumn >= 1);
    }
    const fingerprints = runs.results.map(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['tokenwise/v1'],
    );
    assert.ok(fingerprints.every((f: unknown) => typeof f === 'string' && /^[0-9a-f]+:\d+$/.test(f)));
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'one fingerprint per result');
    const secret = runs.results.find((r: { ruleId: string }) => r.ruleId === 'secret-in-prompt');
    assert.equal(secret.level, 'error');
    assert.equal(secret.locations[0].physicalLocation.artifactLocation.uri, 'prompts/leaky.prompt');
    assert.equal(secret.locations[0].physicalLocation.region.startLine, 1);
    assert.equal(secret.locations[0].physicalLocation.region.startColumn, 'Call the API with '.length + 1);
  });

  it('keeps SARIF fingerprints when lines move, and URIs relative to the repository root from a subfolder', async () => {
    const fingerprintsOf = async (cwd: string) => {
      const sarif = JSON.parse((await cli(['--format', 'sarif'], cwd)).stdout);
      return sarif.runs[0].results.map(
        (r: {
          ruleId: string;
          partialFingerprints: Record<string, string>;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }) => ({
          rule: r.ruleId,
          fingerprint: r.partialFingerprints['tokenwise/v1'],
          uri: r.locations[0]!.physicalLocation.artifactLocation.uri,
          line: r.locations[0]!.physicalLocation.region.startLine,
        }),
      );
    };
    const before = await fingerprintsOf(dir);
    write(
      'prompts/leaky.prompt',
      '{# a note #}\n\nCall the API with sk-proj-EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000 and summarise {{ticket}}.\n',
    );
    const after = await fingerprintsOf(dir);
    const leak = (list: typeof before) => list.find((r: { rule: string }) => r.rule === 'secret-in-prompt');
    assert.equal(leak(after).line, leak(before).line + 2);
    assert.equal(leak(after).fingerprint, leak(before).fingerprint);
    mkdirSync(join(dir, '.git'));
    const fromSubfolder = await fingerprintsOf(join(dir, 'prompts'));
    assert.equal(leak(fromSubfolder).uri, 'prompts/leaky.prompt');
    assert.equal(leak(fromSubfolder).fingerprint, leak(before).fingerprint);
  });

  it('reads the extra prompt files the policy names in promptFiles', async () => {
    write(
      'templates/welcome.tmpl',
      'Welcome the customer. Contact ops at sk-ant-api03-EXAMPLEEXAMPLEEXAMPLE-EXAMPLE.\n',
    );
    assert.doesNotMatch((await cli([], dir)).stdout, /templates\/welcome\.tmpl/);
    write('tokenwise.config.yaml', 'promptFiles: ["templates/**/*.tmpl"]\n');
    assert.match((await cli([], dir)).stdout, /templates\/welcome\.tmpl:1:\d+\s+error\s+secret-in-prompt/);
  });

  it('draws a progress bar on stderr only on a terminal and only for long runs', async () => {
    assert.equal((await cli([], dir, true)).stderr, '');
    for (let i = 0; i < 250; i++) write(`prompts/p${i}.prompt`, 'Summarise {{ticket}}.\n');
    assert.equal((await cli([], dir, false)).stderr, '');
    const tty = await cli([], dir, true);
    assert.match(tty.stderr, /\r\[#+\.*\] \d+\/252 files/);
    assert.match(tty.stderr, /252\/252 files\r\x1b\[2K$/);
  });

  it('lists the rules', async () => {
    const run = await cli(['--rules'], dir);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^secret-in-prompt\s+error/m);
  });

  it('audits the bundled examples with their policy and exits 0', async () => {
    const run = await cli(['examples'], repository);
    assert.equal(run.code, 0, run.stderr);
    for (const rule of [
      'frontier-for-simple-task',
      'secret-in-prompt',
      'unbounded-context',
      'cache-unfriendly-order',
      'no-output-cap',
      'unbounded-retry',
      'duplicate-instruction',
    ]) {
      assert.match(run.stdout, new RegExp(rule), rule);
    }
    assert.ok(!run.stdout.includes('EXAMPLEEXAMPLEEXAMPLEEXAMPLE0000'));
  });
});
