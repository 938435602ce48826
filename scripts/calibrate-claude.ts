// Fits the Claude estimate's per-kind ratios to o200k_base (core/tokens/models.ts) on the calibration half of the
// labelled count_tokens set (test/core/tokens/calibration/claude-count-tokens.json). Prints the table to paste; the
// held-back half is only ever scored by test/core/tokens/claude.test.ts.
//   node --import tsx scripts/calibrate-claude.ts
import { getEncoding } from '../core';
import { countByKind } from '../core/tokens/scripts';
import { claudeCalibration, claudeSource } from '../test/core/tokens/calibration/claude';
import { fitRatios } from './fitRatios';

const o200k = getEncoding('o200k_base');
const rows = claudeCalibration().map((sample) => ({ counts: countByKind(o200k, sample.text), truth: sample.tokens }));
console.log(
  `${rows.length} calibration samples (${claudeSource.model}, counted ${claudeSource.fetchedAt.slice(0, 10)})`,
);
// Five CJK samples in each half: too few to fit Chinese, Japanese and Korean apart.
for (const line of fitRatios(rows, { relative: true, together: [['chinese', 'japanese', 'korean']] }))
  console.log(line);
