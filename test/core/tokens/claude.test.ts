import { strict as assert } from 'node:assert';
import { countTokens, resolveTokenizer } from '../../../core';
import { claudeHeldBack, claudeSource } from './calibration/claude';

// Claude's counts are estimates from o200k_base with ratios fitted per kind of text on the calibration half of a
// labelled set of count_tokens counts (scripts/calibrate-claude.ts). Here the held-back half, never fitted on, is
// scored against those counts.
describe(`Claude estimates against count_tokens (${claudeSource.model}, held-back samples)`, () => {
  const samples = claudeHeldBack();
  const scored = samples.map((sample) => ({ sample, estimate: countTokens(sample.text, 'claude-haiku-4-5') }));
  const inside = ({ sample, estimate }: (typeof scored)[number]) =>
    sample.tokens >= estimate.low && sample.tokens <= estimate.high;

  it('holds the true count inside the band for at least 90 % of samples', () => {
    const held = scored.filter(inside).length;
    console.log(
      `      band holds on ${held} of ${scored.length} held-back samples (${((held / scored.length) * 100).toFixed(1)} %)`,
    );
    for (const category of new Set(samples.map((s) => s.category))) {
      const ofCategory = scored.filter((s) => s.sample.category === category);
      console.log(`        ${category}: ${ofCategory.filter(inside).length}/${ofCategory.length}`);
    }
    assert.ok(held / scored.length >= 0.9, `the band holds on ${held} of ${scored.length}`);
  });

  it('centres within 15 % of the true count on the median sample', () => {
    const errors = scored.map((s) => Math.abs(s.estimate.tokens / s.sample.tokens - 1)).sort((a, b) => a - b);
    const median = errors[Math.floor(errors.length / 2)];
    console.log(`      median error ${(median * 100).toFixed(1)} %`);
    assert.ok(median <= 0.15, `median error ${(median * 100).toFixed(1)} %`);
  });

  it('scales prose and code, not CJK, for the tokenizer Claude Opus 4.7 introduced', () => {
    const older = resolveTokenizer('claude-sonnet-4-6');
    for (const model of ['claude-opus-4-7', 'claude-opus-4.8', 'claude-sonnet-5', 'anthropic.claude-opus-4-7-v1']) {
      const newer = resolveTokenizer(model);
      assert.ok(newer.kinds!.prose.factor > older.kinds!.prose.factor * 1.3, model);
      assert.ok(newer.kinds!.code.factor > older.kinds!.code.factor * 1.2, model);
      assert.equal(newer.kinds!.chinese.factor, older.kinds!.chinese.factor, model);
      assert.match(newer.note ?? '', /Opus 4\.7/);
    }
    for (const model of ['claude-opus-4-6', 'claude-haiku-4-5', 'claude-3-7-sonnet-latest', 'claude-sonnet-4-5'])
      assert.equal(resolveTokenizer(model).kinds!.prose.factor, older.kinds!.prose.factor, model);
  });
});
