// `npm run bench:audit`: generates 10,000 prompt files of every kind the audit reads (TypeScript and Python SDK
// calls, .prompt, .prompty, .j2 and prompts/*.md) in a temp folder, then runs `tokenwise audit --format json` over
// them in a fresh process and prints its wall time and peak RSS. Target: < 10 s. A smaller run in the same way
// shows whether memory grows with the number of files (it should not: files are read and reported one at a time).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { random } from './corpora';

const targetSeconds = 10;

async function child(dir: string): Promise<void> {
  // The bundle users run, not the sources through a TypeScript loader.
  const { runCli } = createRequire(__filename)('../dist/cli.js') as typeof import('../cli/main');
  let bytes = 0;
  const started = performance.now();
  const code = await runCli(['audit', dir, '--format', 'json'], {
    stdout: (text) => void (bytes += text.length),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => '',
    isTTY: false,
    cwd: dir,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({
      code,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      bytes,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

const tasks = [
  'Classify the support ticket as billing, bug, account or other. Answer with the category only.',
  'Summarise the conversation below in five bullet points for the escalation team.',
  'Extract the invoice number, date, total and currency from the text as JSON.',
  'Translate the customer message into English, keeping names and numbers unchanged.',
  'Write a short, friendly reply to the customer that answers their question.',
  'Decide whether the review is positive, negative or mixed. Reply with one word.',
];
const models = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'claude-sonnet-4-5',
  'claude-haiku-4-5',
  'gemini-2.5-flash',
];

function generate(dir: string, count: number): void {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const handbook = Array.from({ length: 12 }, (_, i) => `- Rule ${i + 1}: ${pick(tasks)}`).join('\n');
  for (let i = 0; i < count; i++) {
    const task = pick(tasks);
    const model = pick(models);
    const cap = next() < 0.5 ? `max_tokens: ${100 + Math.floor(next() * 900)},` : '';
    const kind = i % 20;
    const folder = join(dir, `module${Math.floor(i / 500)}`);
    let path: string;
    let text: string;
    if (kind < 5) {
      path = join(folder, 'src', `openai${i}.ts`);
      text = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n\nexport async function run${i}(input: string, history: string) {\n  const reply = await openai.chat.completions.create({\n    model: '${model}',\n    ${cap}\n    messages: [\n      { role: 'system', content: \`${task}\n${handbook}\n   \n\n\n\` },\n      { role: 'user', content: \`Earlier: \${history}\\nNow: \${input}\` },\n    ],\n  });\n  return reply.choices[0]?.message.content;\n}\n`;
    } else if (kind < 8) {
      path = join(folder, 'src', `anthropic${i}.ts`);
      text = `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\n\nexport const ask${i} = (question: string) =>\n  client.messages.create({\n    model: 'claude-haiku-4-5',\n    max_tokens: 500,\n    system: '${task} ${task}',\n    messages: [{ role: 'user', content: question }],\n  });\n`;
    } else if (kind < 10) {
      path = join(folder, 'src', `sdk${i}.ts`);
      text = `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n\nexport async function draft${i}(ticket: string) {\n  for (;;) {\n    const { text } = await generateText({ model: openai('${model}'), system: '${task}', prompt: \`Ticket: \${ticket}\` });\n    if (text) return text;\n  }\n}\n`;
    } else if (kind < 14) {
      path = join(folder, 'app', `job${i}.py`);
      text = `from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef run_${i}(document: str) -> str:\n    prompt = f"""\n        ${task}\n        Contact: support${i}@acme-corp.io\n\n        {document}\n        """\n    response = client.chat.completions.create(\n        model="${model}",\n        messages=[{"role": "user", "content": prompt}],\n    )\n    return response.choices[0].message.content\n`;
    } else if (kind < 16) {
      path = join(folder, 'prompts', `p${i}.prompt`);
      text = `---\nmodel: ${model}\n---\n{{#if customer}}Customer: {{customer.name}}{{/if}}\n${task}\n${handbook}\n\nTicket:\n{{ticket}}\n`;
    } else if (kind < 17) {
      path = join(folder, 'prompts', `p${i}.prompty`);
      text = `---\nname: p${i}\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: ${model}\n---\nsystem:\n${task}\n\nuser:\n{{question}}\n`;
    } else if (kind < 19) {
      path = join(folder, 'prompts', `p${i}.j2`);
      text = `{# generated #}\n${task}\n{% for turn in history %}\n{{ turn.role }}: {{ turn.content }}\n{% endfor %}\nExample output:\n{\n  "label": "billing",\n  "confidence": 0.9,\n  "reasons": [\n    "mentions an invoice"\n  ]\n}\n`;
    } else {
      path = join(folder, 'prompts', `p${i}.md`);
      text = `${task}\n\n${handbook}\n\nInput:\n{{input}}\n`;
    }
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
}

function measure(count: number): {
  code: number;
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  peakRssMb: number;
} {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-bench-audit-'));
  try {
    generate(dir, count);
    const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (run.status !== 0) throw new Error(`audit process failed with status ${run.status}`);
    const result = JSON.parse(run.stdout);
    if (result.code !== 0) throw new Error(`tokenwise audit exited ${result.code}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(process.argv[childAt + 1]!);
  console.log('tokenwise audit benchmark (generated TypeScript, Python and prompt files; one process per run)\n');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const small = measure(2_000);
  const large = measure(10_000);
  for (const [count, result] of [
    [2_000, small],
    [10_000, large],
  ] as const) {
    console.log(
      `${count.toLocaleString('en-US').padStart(6)} files: ${result.seconds.toFixed(2)} s (${Math.round(count / result.seconds).toLocaleString('en-US')} files/s; ` +
        `${result.cpuSeconds.toFixed(2)} s of CPU for the whole process), ` +
        `peak RSS ${Math.round(result.peakRssMb)} MB, ${(result.bytes / 1024 / 1024).toFixed(1)} MB of JSON, exit ${result.code}`,
    );
  }
  console.log(
    `\n10,000 files in ${large.seconds.toFixed(2)} s: ${large.seconds < targetSeconds ? 'within' : 'OVER'} the ${targetSeconds} s target.`,
  );
  // The machine is shared: when other work holds the cores, wall time exceeds CPU time, and the load says by how much.
  console.log(
    `Load average during the run: ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores.`,
  );
  console.log(`Peak RSS grows ${Math.round(large.peakRssMb - small.peakRssMb)} MB from 2,000 to 10,000 files.`);
}

void main();
