// Files no editor feature may hang on, generated per run rather than committed: a 10 MB source file, a file of
// 320k lines, a binary file with a source extension, a minified one-line bundle (small enough that "count anyway"
// finishes quickly) and a 2 MB one, and pathological text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateStressFiles(workspace) {
  const dir = join(workspace, 'stress');
  mkdirSync(dir, { recursive: true });

  const call = (i) =>
    `export async function answer${i}(q: string) {\n` +
    `  return client.chat.completions.create({ model: "gpt-4o", messages: [\n` +
    `    { role: "system", content: "You are support agent number ${i}. Answer briefly and politely." },\n` +
    `    { role: "user", content: q },\n  ] });\n}\n`;
  let big = 'import OpenAI from "openai";\nconst client = new OpenAI();\n';
  for (let i = 0; big.length < 10 * 1024 * 1024; i++) big += call(i);
  writeFileSync(join(dir, 'huge.ts'), big);

  const binary = Buffer.alloc(256 * 1024);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  writeFileSync(join(dir, 'blob.ts'), binary);

  let minified = 'var c=new OpenAI;';
  for (let i = 0; minified.length < 100 * 1024; i++) {
    minified += `function a${i}(q){return c.chat.completions.create({model:"gpt-4o",messages:[{role:"system",content:"Agent ${i}: be brief."},{role:"user",content:q}]})}`;
  }
  writeFileSync(join(dir, 'bundle.min.js'), minified);
  // The same, for the test that types in a file while it is counted anyway (a file counted once stays counted).
  writeFileSync(join(dir, 'typing.min.js'), minified);
  // Large and minified at once: the reason given must be "minified".
  let largeMinified = minified;
  while (largeMinified.length < 2.1 * 1024 * 1024) largeMinified += minified;
  writeFileSync(join(dir, 'large.min.js'), largeMinified);

  // Beyond ~300k lines the editor turns CodeLens off for the file: only the status bar can show its state.
  writeFileSync(join(dir, 'many-lines.ts'), `${call(0)}${'// filler line\n'.repeat(320_000)}`);

  // Pathological text: a prompt of lone surrogates, emoji and a long repetitive run, then brackets nested 20,000
  // deep (beyond any recursive parser's stack) and a template literal that never closes.
  const odd =
    'const client = new OpenAI();\n' +
    `client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "\\uD800 lone \\uDFFF ${'\u{1F600}'.repeat(3000)} ${'ab'.repeat(3000)}" }] });\n`;
  writeFileSync(join(dir, 'odd.ts'), odd);
  writeFileSync(
    join(dir, 'nested.ts'),
    `${odd}const x = ${'[\n'.repeat(20_000)}${']\n'.repeat(20_000)}const s = \`never closed \${ {{{\n`,
  );
}
