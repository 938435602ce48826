import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured } from '../support/cli';
import { initRepository } from '../support/git';

const cli = (args: string[], cwd: string) => runCliCaptured(['diff', ...args], { cwd });

const call = (name: string, options: { model?: string; cap?: string; text?: string } = {}) =>
  `import OpenAI from 'openai';\nconst openai = new OpenAI();\n\nexport async function ${name}(input: string) {\n  return openai.chat.completions.create({\n    model: '${options.model ?? 'gpt-4o-mini'}',\n    ${options.cap ?? 'max_tokens: 300,'}\n    messages: [{ role: 'system', content: '${options.text ?? `You handle the ${name} step for support tickets. Answer briefly and precisely.`}' }, { role: 'user', content: \`Input: \${input}\` }],\n  });\n}\n`;

describe('tokenwise diff', function () {
  // Whole runs with real git processes on a shared machine: generous, speed is measured by bench:diff.
  this.timeout(120_000);
  let dir: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
      .toString('utf8')
      .trim();
  const write = (path: string, content: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-diff-'));
    initRepository(dir);
    write('src/triage.ts', call('triageTicket'));
    write('src/summarize.ts', call('summarizeThread'));
    write('src/other.ts', call('greetCustomer', { model: 'gpt-4o' }));
    write('README.md', '# app\n');
    commit('base');
    git('checkout', '-q', '-b', 'feature');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const changeSomePrompts = () => {
    write(
      'src/triage.ts',
      `// tokenwise-volume: 20,000/day\n${call('triageTicket', { model: 'gpt-4o', cap: '' })}`
        .replace('// tokenwise-volume: 20,000/day\n', '')
        .replace('  return openai', '  // tokenwise-volume: 20,000/day\n  return openai'),
    );
    rmSync(join(dir, 'src/other.ts'));
    write(
      'app/classify.py',
      'from openai import OpenAI\nclient = OpenAI()\n\ndef classify(text):\n    return client.chat.completions.create(model="gpt-4o", max_tokens=20, messages=[{"role": "user", "content": f"Classify this message: {text}"}])\n',
    );
    commit('feature');
  };

  it('lists added, removed and changed prompts with costs before → after, in text', async () => {
    changeSomePrompts();
    const run = await cli(['--base', 'main', '--head', 'feature'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /main \([0-9a-f]{7}\) → feature \([0-9a-f]{7}\)/);
    assert.match(run.stdout, /changed\s+src\/triage\.ts#triageTicket/);
    assert.match(run.stdout, /added\s+app\/classify\.py#classify/);
    assert.match(run.stdout, /removed\s+src\/other\.ts#greetCustomer/);
    assert.match(run.stdout, /model gpt-4o-mini → gpt-4o; output cap removed \(was 300 tokens\)/);
    assert.match(run.stdout, /20k\/day \(annotated in code\)/);
    assert.match(run.stdout, /1k\/day \(assumed: default volume\)/);
    assert.doesNotMatch(run.stdout, /summarizeThread/, 'an unchanged file is not read');
  });

  it('reports JSON with the totals and per-prompt sides, and SARIF with only the introduced findings', async () => {
    changeSomePrompts();
    const json = JSON.parse((await cli(['--base', 'main', '--head', 'feature', '--format', 'json'], dir)).stdout);
    const triage = json.prompts.find((p: { promptId: string }) => p.promptId === 'src/triage.ts#triageTicket');
    assert.equal(triage.status, 'changed');
    assert.equal(triage.base.model, 'gpt-4o-mini');
    assert.equal(triage.head.model, 'gpt-4o');
    assert.equal(triage.head.volumeSource, 'annotation');
    assert.equal(json.totals.change, json.totals.headMonthly - json.totals.baseMonthly);
    assert.deepEqual([json.totals.added, json.totals.removed, json.totals.changed], [1, 1, 1]);

    const sarif = JSON.parse((await cli(['--base', 'main', '--head', 'feature', '--format', 'sarif'], dir)).stdout);
    const results = sarif.runs[0].results as { ruleId: string; properties: { promptId: string } }[];
    assert.ok(
      results.some((r) => r.ruleId === 'no-output-cap' && r.properties.promptId === 'src/triage.ts#triageTicket'),
    );
    const introduced = json.prompts.reduce((n: number, p: { newFindings: unknown[] }) => n + p.newFindings.length, 0);
    assert.equal(results.length, introduced);
  });

  it('writes a markdown comment sorted by monthly impact, and nothing when no prompt changed', async () => {
    changeSomePrompts();
    const run = await cli(['--base', 'main', '--head', 'feature', '--format', 'markdown'], dir);
    assert.match(run.stdout, /^### tokenwise: [+−]\$[\d,.]+\/month/);
    assert.match(run.stdout, /<details><summary>Details<\/summary>/);
    const rows = run.stdout.split('\n').filter((line) => line.startsWith('| `'));
    assert.equal(rows.length, 3);
    const impacts = rows.map((row) => Number(/\*\*([+−])\$([\d,.]+)\*\*/.exec(row)![2]!.replace(/,/g, '')));
    assert.deepEqual(
      impacts,
      [...impacts].sort((a, b) => b - a),
    );

    write('README.md', '# app\n\nNow with docs.\n');
    commit('docs only');
    const quiet = await cli(['--base', 'feature~1', '--head', 'feature', '--format', 'markdown'], dir);
    assert.deepEqual([quiet.code, quiet.stdout], [0, '']);
  });

  it('defaults to the merge base with the default branch and the working tree, untracked files included', async () => {
    write(
      'src/summarize.ts',
      call('summarizeThread', {
        text: 'You summarise support threads for the on-call engineer in five bullet points with owners and dates.',
      }),
    );
    write('src/fresh.ts', call('draftReply'));
    const run = await cli(['--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.head.ref, 'working tree');
    assert.equal(json.base.commit, git('rev-parse', 'main'));
    assert.deepEqual(
      json.prompts.map((p: { promptId: string; status: string }) => `${p.status} ${p.promptId}`).sort(),
      ['added src/fresh.ts#draftReply', 'changed src/summarize.ts#summarizeThread'],
    );
  });

  it('keeps a prompt whose file was renamed as one prompt, moved', async () => {
    mkdirSync(join(dir, 'src/support'));
    git('mv', 'src/triage.ts', 'src/support/triage.ts');
    commit('move');
    const json = JSON.parse((await cli(['--base', 'main', '--head', 'HEAD', '--format', 'json'], dir)).stdout);
    assert.equal(json.prompts.length, 1);
    assert.equal(json.prompts[0].status, 'changed');
    assert.deepEqual(json.prompts[0].changes, [
      { kind: 'moved', fromId: 'src/triage.ts#triageTicket', toId: 'src/support/triage.ts#triageTicket' },
    ]);
    assert.equal(json.totals.change, 0);
  });

  it('re-costs every prompt when the policy file changed', async () => {
    write('tokenwise.config.yaml', 'defaultCallsPerDay: 5000\n');
    commit('policy');
    const json = JSON.parse((await cli(['--base', 'main', '--head', 'HEAD', '--format', 'json'], dir)).stdout);
    assert.equal(json.prompts.length, 3);
    assert.ok(json.prompts.every((p: { changes: { kind: string }[] }) => p.changes.some((c) => c.kind === 'volume')));
  });

  it('limits the diff to the paths given', async () => {
    changeSomePrompts();
    const json = JSON.parse(
      (await cli(['--base', 'main', '--head', 'feature', '--format', 'json', 'app'], dir)).stdout,
    );
    assert.deepEqual(
      json.prompts.map((p: { promptId: string }) => p.promptId),
      ['app/classify.py#classify'],
    );
  });

  it('takes paths relative to the folder it runs in, through a symbolic link too', async () => {
    changeSomePrompts();
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    try {
      const json = JSON.parse(
        (await cli(['--base', 'main', '--head', 'feature', '--format', 'json', '.'], join(link, 'app'))).stdout,
      );
      assert.deepEqual(
        json.prompts.map((p: { promptId: string }) => p.promptId),
        ['app/classify.py#classify'],
      );
    } finally {
      rmSync(link, { force: true });
    }
  });

  it('fails its gates with their own exit codes', async () => {
    changeSomePrompts();
    const base = ['--base', 'main', '--head', 'feature'];
    assert.equal((await cli([...base, '--fail-on-increase', '$1000000'], dir)).code, 0);
    const increase = await cli([...base, '--fail-on-increase', '$1'], dir);
    assert.equal(increase.code, 4);
    assert.match(increase.stderr, /rises by more than \$1/);
    assert.equal((await cli([...base, '--fail-on-increase', '10%'], dir)).code, 4);
    assert.equal((await cli([...base, '--fail-on', 'new-findings:error'], dir)).code, 0);
    const findings = await cli([...base, '--fail-on', 'new-findings'], dir);
    assert.equal(findings.code, 5);
    assert.match(findings.stderr, /introduces \d+ finding\(s\) at info or above/);
    assert.equal((await cli([...base, '--fail-on', 'new-findings:warning', '--fail-on-increase', '1%'], dir)).code, 6);
  });

  it('refuses bad input with exit code 2 and a clear message', async () => {
    const unknown = await cli(['--base', 'no-such-branch'], dir);
    assert.deepEqual([unknown.code, /unknown git ref 'no-such-branch'/.test(unknown.stderr)], [2, true]);
    const outside = await cli(['--base', 'main', '../elsewhere'], dir);
    assert.deepEqual([outside.code, /outside the repository/.test(outside.stderr)], [2, true]);
    const both = await cli(['--head', 'main', '--worktree'], dir);
    assert.equal(both.code, 2);
    for (const bad of [
      ['--fail-on-increase', 'lots'],
      ['--fail-on', 'findings'],
      ['--fail-on', 'new-findings:fatal'],
      ['--format', 'html'],
      ['--calls-per-day', 'many'],
    ]) {
      assert.equal((await cli(['--base', 'main', ...bad], dir)).code, 2, bad.join(' '));
    }

    const plain = mkdtempSync(join(tmpdir(), 'tokenwise-nogit-'));
    try {
      const notRepo = await cli([], plain);
      assert.deepEqual([notRepo.code, /not inside a git repository/.test(notRepo.stderr)], [2, true]);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('says a shallow clone lacks the base, with exit code 2', async () => {
    changeSomePrompts();
    const clone = mkdtempSync(join(tmpdir(), 'tokenwise-shallow-'));
    try {
      // As a CI checkout: the pull request's tip and the default branch's tip, without the history joining them.
      git('checkout', '-q', 'main');
      execFileSync(
        'git',
        ['clone', '-q', '--depth', '1', '--no-single-branch', '--branch', 'feature', `file://${dir}`, clone],
        { stdio: 'ignore' },
      );
      const explicit = await cli(['--base', 'main'], clone);
      assert.equal(explicit.code, 2, explicit.stdout + explicit.stderr);
      assert.match(explicit.stderr, /shallow clone/);
      const byDefault = await cli([], clone);
      assert.equal(byDefault.code, 2, byDefault.stdout + byDefault.stderr);
      assert.match(byDefault.stderr, /shallow clone/);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('keeps a markdown comment under GitHub’s limit, saying what it left out', async () => {
    for (let i = 0; i < 600; i++) write(`src/many/step${i}.ts`, call(`step${i}`));
    commit('many');
    const run = await cli(['--base', 'main', '--head', 'HEAD', '--format', 'markdown'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.length < 65_536, `${run.stdout.length} characters`);
    assert.match(
      run.stdout,
      /\*\*Truncated\*\* to stay under GitHub's 65,536-character comment limit: \d+ of 600 prompts are not in the table/,
    );
  });
});
