// The labelled Claude set (claude-count-tokens.json: texts with their count_tokens counts, source and date), split
// as the Gemini corpus is: within each category, samples alternate between the calibration half, which the Claude
// ratios in core/tokens/models.ts were fitted on, and the held-back half, which only measures how often the band
// holds. The publisher's `short` category (inputs of one to five tokens by design: single words, punctuation, one
// repeated letter) is left out of both: the API's framing makes such counts one off (see the fixture's method), and a
// ratio of a handful of tokens says nothing about a prompt's.
import labelled from './claude-count-tokens.json';

export interface ClaudeSample {
  category: string;
  name: string;
  text: string;
  tokens: number;
}

function halves(): [ClaudeSample[], ClaudeSample[]] {
  const calibration: ClaudeSample[] = [];
  const heldBack: ClaudeSample[] = [];
  const seen = new Map<string, number>();
  for (const sample of labelled.samples) {
    if (sample.category === 'short') continue;
    const index = seen.get(sample.category) ?? 0;
    seen.set(sample.category, index + 1);
    (index % 2 === 0 ? calibration : heldBack).push(sample);
  }
  return [calibration, heldBack];
}

export const claudeCalibration = (): ClaudeSample[] => halves()[0];
export const claudeHeldBack = (): ClaudeSample[] => halves()[1];
export const claudeSource = labelled.source;
