// `npm run bench:extract`: prompt extraction over 10,000 generated files (TypeScript, Python, Prompty, jinja,
// prompts/*.md), against parsing the same TypeScript with the TypeScript compiler and with Babel alone, plus the
// minified size of what extraction adds to a bundle. Extraction should cost a fraction of the audit's 10 s budget.
import { parse } from '@babel/parser';
import { build } from 'esbuild';
import ts from 'typescript';
import { gzipSync } from 'node:zlib';
import { extractPrompts } from '../core/extract';

const tasks = [
  'Classify the ticket as billing, bug or other.',
  'Summarise the thread in five bullets.',
  'Extract the invoice total as JSON.',
];

function typescriptFile(n: number): string {
  return `import OpenAI from 'openai';
const client = new OpenAI();
const SYSTEM_PROMPT = \`You are assistant ${n}. ${tasks[n % 3]}
Keep answers short.\`;
export async function run${n}(question: string, history: Message[]): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      max_tokens: ${100 + n},
      messages: [{ role: 'system', content: SYSTEM_PROMPT }, ...history, { role: 'user', content: \`Q: \${question}\` }],
    });
    if (response.choices[0]) return response.choices[0].message.content ?? '';
  }
  throw new Error('no answer');
}
`;
}

function pythonFile(n: number): string {
  return `from anthropic import Anthropic
client = Anthropic()
SYSTEM_PROMPT = """You are assistant ${n}. ${tasks[n % 3]}"""

def run_${n}(question, documents):
    return client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=${200 + n},
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": f"Docs: {documents[:5]}\\nQuestion: {question!r}"}],
    )
`;
}

const prompty = (n: number) =>
  `---\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: ${n}\n---\nsystem:\n${tasks[n % 3]}\n{% for m in history %}{{m.content}}{% endfor %}\nuser:\n{{question}}\n`;
const jinja = (n: number) =>
  `${tasks[n % 3]} for {{ user.name }}.\n{% for doc in documents %}- {{ doc.title }}\n{% endfor %}`;
const markdown = (n: number) => `# Prompt ${n}\n${tasks[n % 3]} Ticket: {ticket}\n`;

const files: Array<[string, string]> = [];
for (let n = 0; n < 10_000; n++) {
  const kind = n % 5;
  if (kind === 0 || kind === 1) files.push([`src/file${n}.ts`, typescriptFile(n)]);
  else if (kind === 2) files.push([`app/file${n}.py`, pythonFile(n)]);
  else if (kind === 3) files.push([`prompts/file${n}.prompty`, prompty(n)]);
  else files.push([n % 2 ? `templates/file${n}.j2` : `prompts/file${n}.md`, n % 2 ? jinja(n) : markdown(n)]);
}
const typescriptFiles = files.filter(([name]) => name.endsWith('.ts'));

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function best(run: () => void): number {
  run();
  return median([seconds(run), seconds(run), seconds(run)]);
}

async function main(): Promise<void> {
  let prompts = 0;
  const all = best(() => {
    prompts = 0;
    for (const [name, text] of files) prompts += extractPrompts(text, name).prompts.length;
  });
  const oursTs = best(() => typescriptFiles.forEach(([name, text]) => extractPrompts(text, name)));
  const tsc = best(() =>
    typescriptFiles.forEach(([name, text]) =>
      ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS),
    ),
  );
  const babel = best(() =>
    typescriptFiles.forEach(([, text]) =>
      parse(text, { sourceType: 'module', plugins: ['typescript'], errorRecovery: true }),
    ),
  );

  // One large file of each language: the time should grow linearly with size.
  const largeTypescript = Array.from({ length: 5000 }, (_, n) =>
    typescriptFile(n)
      .replace(/^(import|const client).*\n/gm, '')
      .replace(/SYSTEM_PROMPT/g, `SYSTEM_PROMPT_${n}`),
  ).join('\n');
  const largePython = Array.from({ length: 5000 }, (_, n) => pythonFile(n)).join('\n');
  const largeTs = best(() => extractPrompts(largeTypescript, 'large.ts'));
  const largePy = best(() => extractPrompts(largePython, 'large.py'));

  const bundle = await build({
    entryPoints: ['core/extract/index.ts'],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const bytes = bundle.outputFiles[0]!.contents;

  console.log(`tokenwise extraction benchmark — Node ${process.version}, ${new Date().toISOString()}`);
  console.log(
    `\n${files.length} files (${typescriptFiles.length} TypeScript), ${prompts} prompts found: ${all.toFixed(2)} s (median of 3), ${((all / files.length) * 1e6).toFixed(0)} µs per file`,
  );
  console.log(`\nTypeScript files only (${typescriptFiles.length}):`);
  console.log(`  tokenwise extraction        ${oursTs.toFixed(3)} s`);
  console.log(
    `  TypeScript createSourceFile ${tsc.toFixed(3)} s  (parse only; extraction is ${(tsc / oursTs).toFixed(2)}× its speed)`,
  );
  console.log(
    `  Babel parse                 ${babel.toFixed(3)} s  (parse only; extraction adds ${(((oursTs - babel) / babel) * 100).toFixed(0)}% over parsing)`,
  );
  console.log(
    `\nOne large file: TypeScript ${(largeTypescript.length / 2 ** 20).toFixed(1)} MiB in ${largeTs.toFixed(2)} s, Python ${(largePython.length / 2 ** 20).toFixed(1)} MiB in ${largePy.toFixed(2)} s`,
  );
  console.log(
    `\nExtraction bundle (minified, browser): ${(bytes.length / 1024).toFixed(0)} KB, ${(gzipSync(bytes).length / 1024).toFixed(0)} KB gzip`,
  );
}

void main();
