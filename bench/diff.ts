// `npm run bench:diff`: a git repository of 10,000 prompt files (TypeScript and Python SDK calls, .prompt, .j2 and
// prompts/*.md), a branch that changes 50 of them (models swapped, caps removed, text edited, files renamed, added
// and deleted), then `tokenwise diff --format json` between the two in a fresh process. git runs through a wrapper
// that logs how long each git process took, so the figure printed is the time beyond git's own. Target: < 2 s.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { random } from './corpora';

const targetSeconds = 2;
const fileCount = 10_000;
const changedCount = 50;

async function child(dir: string): Promise<void> {
  // The bundle users run, not the sources through a TypeScript loader; loading it is timed apart (every command
  // pays it, and it has nothing to do with the size of the change).
  const loadStarted = performance.now();
  const { runCli } = createRequire(__filename)('../dist/cli.js') as typeof import('../cli/main');
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const loadCpu = process.cpuUsage();
  let output = '';
  const started = performance.now();
  const code = await runCli(['diff', '--base', 'main', '--head', 'feature', '--format', 'json'], {
    stdout: (text) => void (output += text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => '',
    isTTY: false,
    cwd: dir,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(loadCpu);
  const totals = JSON.parse(output).totals;
  process.stdout.write(
    JSON.stringify({
      code,
      seconds,
      loadSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      loadCpuSeconds: (loadCpu.user + loadCpu.system) / 1e6,
      totals,
    }),
  );
}

const tasks = [
  'Classify the support ticket as billing, bug, account or other. Answer with the category only.',
  'Summarise the conversation below in five bullet points for the escalation team.',
  'Extract the invoice number, date, total and currency from the text as JSON.',
  'Translate the customer message into English, keeping names and numbers unchanged.',
  'Write a short, friendly reply to the customer that answers their question.',
];
const models = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'claude-sonnet-4-5', 'claude-haiku-4-5'];

function fileAt(i: number, next: () => number): { path: string; text: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const task = pick(tasks);
  const model = pick(models);
  const folder = `module${Math.floor(i / 500)}`;
  const kind = i % 10;
  if (kind < 4) {
    const cap = next() < 0.5 ? `max_tokens: ${100 + Math.floor(next() * 900)},` : '';
    return {
      path: `${folder}/src/openai${i}.ts`,
      text: `import OpenAI from 'openai';\nconst openai = new OpenAI();\n\nexport async function run${i}(input: string) {\n  const reply = await openai.chat.completions.create({\n    model: '${model}',\n    ${cap}\n    messages: [\n      { role: 'system', content: '${task}' },\n      { role: 'user', content: \`Now: \${input}\` },\n    ],\n  });\n  return reply.choices[0]?.message.content;\n}\n`,
    };
  }
  if (kind < 7) {
    return {
      path: `${folder}/app/job${i}.py`,
      text: `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef run_${i}(document: str) -> str:\n    response = client.chat.completions.create(\n        model="${model}",\n        max_tokens=400,\n        messages=[{"role": "user", "content": f"${task}\\n\\n{document}"}],\n    )\n    return response.choices[0].message.content\n`,
    };
  }
  if (kind < 9)
    return {
      path: `${folder}/prompts/p${i}.prompt`,
      text: `---\nmodel: ${model}\n---\n${task}\n\nTicket:\n{{ticket}}\n`,
    };
  return { path: `${folder}/prompts/p${i}.md`, text: `${task}\n\nInput:\n{{input}}\n` };
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
}

function generate(dir: string): void {
  const next = random(42);
  const paths: string[] = [];
  for (let i = 0; i < fileCount; i++) {
    const { path, text } = fileAt(i, next);
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    paths.push(path);
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'bench@example.com');
  git(dir, 'config', 'user.name', 'Bench');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  // 50 changed files spread over the repository: 30 edits, 10 renames, 5 deletions, 5 additions.
  for (let n = 0; n < changedCount; n++) {
    const path = join(dir, paths[Math.floor((n * fileCount) / changedCount) + 3]!);
    if (n < 30) {
      const text = readFileSync(path, 'utf8');
      writeFileSync(
        path,
        text
          .replace(/gpt-4o-mini|gpt-4\.1-mini|claude-haiku-4-5/, 'gpt-4o')
          .replace(/max_tokens: \d+,/, '')
          .replace('Answer', 'Think step by step, then answer'),
      );
    } else if (n < 40) renameSync(path, path.replace(/(\.\w+)$/, '_renamed$1'));
    else if (n < 45) unlinkSync(path);
    else {
      const added = fileAt(fileCount + n, next);
      const text = added.text.replace(
        /(Classify|Summarise|Extract|Translate|Write)/,
        `New in onboarding step ${n}: greet the customer by name and list the three next steps. $1`,
      );
      mkdirSync(join(dir, added.path, '..'), { recursive: true });
      writeFileSync(join(dir, added.path), text);
    }
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'feature');
}

/** A `git` first on PATH that runs the real one and logs its wall time in nanoseconds. */
function gitTimer(dir: string): { path: string; log: string } {
  const real = execFileSync('bash', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = join(dir, 'bin');
  const log = join(dir, 'git-times.log');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'git'),
    `#!/bin/bash\nstart=$(date +%s%N)\n"${real}" "$@"\nstatus=$?\necho $(( $(date +%s%N) - start )) >> "${log}"\nexit $status\n`,
  );
  chmodSync(join(bin, 'git'), 0o755);
  return { path: bin, log };
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(process.argv[childAt + 1]!);
  console.log(
    `tokenwise diff benchmark (${fileCount.toLocaleString('en-US')} prompt files in git, ${changedCount} changed; one process)\n`,
  );
  const build = spawnSync(process.execPath, ['scripts/build.mjs', 'cli'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const scratch = mkdtempSync(join(tmpdir(), 'tokenwise-bench-diff-'));
  try {
    const repo = join(scratch, 'repo');
    mkdirSync(repo);
    generate(repo);
    const timer = gitTimer(scratch);
    const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', repo], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PATH: `${timer.path}:${process.env.PATH}` },
    });
    if (run.status !== 0) throw new Error(`diff process failed with status ${run.status}`);
    const result = JSON.parse(run.stdout);
    if (result.code !== 0) throw new Error(`tokenwise diff exited ${result.code}`);
    const gitTimes = readFileSync(timer.log, 'utf8').trim().split('\n').map(Number);
    const gitSeconds = gitTimes.reduce((sum, nanos) => sum + nanos, 0) / 1e9;
    const beyond = result.seconds - gitSeconds;
    const { added, removed, changed } = result.totals as { added: number; removed: number; changed: number };
    console.log(
      `diff: ${result.seconds.toFixed(2)} s; git: ${gitSeconds.toFixed(2)} s in ${gitTimes.length} processes; beyond git: ${beyond.toFixed(2)} s ` +
        `(${result.cpuSeconds.toFixed(2)} s of CPU in the tokenwise process)`,
    );
    console.log(
      `loading the CLI bundle before it: ${result.loadSeconds.toFixed(2)} s (${result.loadCpuSeconds.toFixed(2)} s of CPU), the same for every command`,
    );
    console.log(`prompts: ${changed} changed, ${added} added, ${removed} removed`);
    console.log(
      `\n${beyond.toFixed(2)} s beyond git: ${beyond < targetSeconds ? 'within' : 'OVER'} the ${targetSeconds} s target ` +
        `(by CPU time, which a loaded machine does not stretch: ${result.cpuSeconds.toFixed(2)} s, ${result.cpuSeconds < targetSeconds ? 'within' : 'OVER'}).`,
    );
    // The machine is shared: when other work holds the cores, wall time exceeds CPU time, and the load says by how much.
    console.log(
      `Load average during the run: ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores.`,
    );
  } finally {
    if (process.env.KEEP) console.log(scratch);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
