// Real text of each kind, read from packages the development install already has (never copied into the
// repository): TypeScript's compiler messages in thirteen languages, package READMEs and licences (English prose),
// and JavaScript and TypeScript sources (code). Samples alternate between the calibration half, which the ratios in
// core/tokens/models.ts were fitted on, and the held-back half, which only measures how often the band holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Sample {
  kind: string;
  source: string;
  text: string;
}

const modules = 'node_modules';
const messagesOf = (locale: string): string[] =>
  Object.values(
    JSON.parse(readFileSync(join(modules, 'typescript/lib', locale, 'diagnosticMessages.generated.json'), 'utf8')),
  );

/** Consecutive messages joined into samples of about `size` characters. */
function chunks(kind: string, source: string, parts: string[], size: number, most: number): Sample[] {
  const samples: Sample[] = [];
  let text = '';
  for (const part of parts) {
    text += (text ? '\n' : '') + part;
    if (text.length >= size) {
      samples.push({ kind, source, text });
      text = '';
      if (samples.length === most) break;
    }
  }
  return samples;
}

const locales: Record<string, string> = {
  'zh-cn': 'chinese',
  'zh-tw': 'chinese',
  ja: 'japanese',
  ko: 'korean',
  ru: 'cyrillic',
  de: 'european',
  fr: 'european',
  es: 'european',
  it: 'european',
  'pt-br': 'european',
  pl: 'european',
  tr: 'european',
  cs: 'european',
};

/** English prose: paragraphs of READMEs and licences outside code fences and tables. */
function prose(): Sample[] {
  const files = [
    'mocha/README.md',
    'glob/README.md',
    'debug/README.md',
    'picomatch/README.md',
    'chokidar/README.md',
    'ignore/README.md',
    'commander/Readme.md',
    'fast-check/README.md',
    'typescript/README.md',
    'esbuild/README.md',
    'zod/README.md',
    'yaml/README.md',
    'axios/README.md',
    'pg/README.md',
    'better-sqlite3/README.md',
    'typescript/LICENSE.txt',
    'typescript/SECURITY.md',
    'mime-db/HISTORY.md',
    'tsx/README.md',
    'playwright-core/README.md',
  ];
  const paragraphs: string[] = [];
  for (const file of files) {
    let body: string;
    try {
      body = readFileSync(join(modules, file), 'utf8');
    } catch {
      continue;
    }
    for (const block of body.replace(/```[\s\S]*?```/g, '').split(/\n\s*\n/)) {
      const text = block.trim();
      if (text.length > 80 && !/^[|<!#\-*>[]/.test(text) && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(text))
        paragraphs.push(text);
    }
  }
  return chunks('english', 'package READMEs and licences', paragraphs, 1200, 40);
}

function code(): Sample[] {
  const sources = [
    ['typescript/lib/typescript.js', 'javascript'],
    ['@types/node/fs.d.ts', 'typescript'],
    ['@types/node/http.d.ts', 'typescript'],
    ['zod/v4/core/schemas.js', 'javascript'],
    ['yaml/dist/compose/composer.js', 'javascript'],
    ['axios/lib/core/Axios.js', 'javascript'],
  ];
  const samples: Sample[] = [];
  for (const [file, kind] of sources) {
    let body: string;
    try {
      body = readFileSync(join(modules, file), 'utf8');
    } catch {
      continue;
    }
    const lines = body.split('\n').slice(200);
    samples.push(...chunks('code', `${file} (${kind})`, lines, 2000, 8));
  }
  return samples;
}

let cached: Sample[] | undefined;

export function samples(): Sample[] {
  if (cached) return cached;
  cached = [...prose(), ...code()];
  for (const [locale, kind] of Object.entries(locales)) {
    // Skip the first messages: short, repetitive headers.
    cached.push(
      ...chunks(
        kind,
        `TypeScript messages (${locale})`,
        messagesOf(locale).slice(50),
        600,
        kind === 'european' ? 6 : 24,
      ),
    );
  }
  return cached;
}

export const calibration = (): Sample[] => samples().filter((_, i) => i % 2 === 0);
export const heldBack = (): Sample[] => samples().filter((_, i) => i % 2 === 1);
