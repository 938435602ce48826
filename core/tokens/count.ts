// Counting plain text for a model: exact for OpenAI encodings, a calibrated band for everyone else.
import { getEncoding } from './bpe';
import { resolveTokenizer, type ResolveOptions, type Tokenizer } from './models';
import type { EncodingName } from './ranks';
import { countByKind, type KindCounts, noCounts, textKinds } from './scripts';

export interface TokenCount {
  /** The count (exact) or the central estimate. Consumers show estimates as "≈ tokens". */
  tokens: number;
  exact: boolean;
  /** The band the true count lies in; equal to `tokens` when exact. */
  low: number;
  high: number;
  encoding: EncodingName;
  model: string;
  /** Why the count is an estimate. */
  note?: string;
}

export function countTokens(text: string, model: string, options: ResolveOptions = {}): TokenCount {
  const tokenizer = resolveTokenizer(model, options);
  return scaleKindCounts(addRawCount(tokenizer, text), tokenizer);
}

/**
 * Adds `text`'s count in the tokenizer's encoding to `into`: by kind of text for a tokenizer calibrated per kind,
 * else all as prose. Every face sums raw counts this way and scales the sum once (scaleKindCounts), so a prompt
 * counted line by line and the request it makes get the same number.
 */
export function addRawCount(tokenizer: Tokenizer, text: string, into: KindCounts = noCounts()): KindCounts {
  const encoding = getEncoding(tokenizer.encoding);
  if (tokenizer.kinds) return countByKind(encoding, text, into);
  into.prose += encoding.count(text);
  return into;
}

/** Adds `counts` to `into`. */
export function addCounts(into: KindCounts, counts: KindCounts): KindCounts {
  for (const kind of textKinds) into[kind] += counts[kind];
  return into;
}

/** Turns a count in the tokenizer's encoding into the model's count (or estimate with its band). */
export function scaleCount(count: number, tokenizer: Tokenizer): TokenCount {
  const { encoding, model, exact, note } = tokenizer;
  if (exact) return { tokens: count, exact, low: count, high: count, encoding, model };
  return {
    tokens: Math.round(count * tokenizer.factor),
    exact,
    low: Math.floor(count * tokenizer.low),
    high: Math.ceil(count * tokenizer.high),
    encoding,
    model,
    ...(note ? { note } : {}),
  };
}

/** The count or estimate from raw counts per kind of text (see addRawCount). */
export function scaleKindCounts(counts: KindCounts, tokenizer: Tokenizer): TokenCount {
  const kinds = tokenizer.kinds;
  if (!kinds)
    return scaleCount(
      textKinds.reduce((sum, kind) => sum + counts[kind], 0),
      tokenizer,
    );
  let tokens = 0;
  let low = 0;
  let high = 0;
  for (const kind of textKinds) {
    tokens += counts[kind] * kinds[kind].factor;
    low += counts[kind] * kinds[kind].low;
    high += counts[kind] * kinds[kind].high;
  }
  const { encoding, model, note } = tokenizer;
  return {
    tokens: Math.round(tokens),
    exact: false,
    low: Math.floor(low),
    high: Math.ceil(high),
    encoding,
    model,
    ...(note ? { note } : {}),
  };
}
