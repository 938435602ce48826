// Benchmark corpora, taken from text that ships in node_modules (pinned by package-lock.json), so every run and
// every machine measures the same bytes without the repository carrying megabytes of samples.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const size = 1 << 20;

/** English prose: package READMEs with code blocks, tables and links removed. */
export function prose(): string {
  const parts: string[] = [];
  let length = 0;
  for (const name of readdirSync('node_modules').sort()) {
    const file = ['README.md', 'readme.md', 'Readme.md'].map((f) => join('node_modules', name, f)).find(existsSync);
    if (!file) continue;
    const text = readFileSync(file, 'utf8')
      .replace(/```[\s\S]*?```/g, '')
      .split('\n')
      .filter((line) => /^[A-Za-z*-]/.test(line) && line.split(' ').length > 6 && !line.includes('|'))
      .join('\n')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    parts.push(text);
    length += text.length;
    if (length >= size) break;
  }
  return parts.join('\n\n').slice(0, size);
}

/** JavaScript source: the TypeScript compiler, unminified. */
export function code(): string {
  return readFileSync('node_modules/typescript/lib/typescript.js', 'utf8').slice(1_000_000, 1_000_000 + size);
}

/** Chinese, Japanese and Korean: the TypeScript compiler's translated diagnostics. */
export function cjk(): string {
  return ['zh-cn', 'ja', 'ko', 'zh-tw']
    .map((locale) =>
      Object.values(
        JSON.parse(
          readFileSync(`node_modules/typescript/lib/${locale}/diagnosticMessages.generated.json`, 'utf8'),
        ) as Record<string, string>,
      ).join('\n'),
    )
    .join('\n')
    .slice(0, size);
}

/** A small deterministic generator (mulberry32), so every run of a benchmark works on the same generated files. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
