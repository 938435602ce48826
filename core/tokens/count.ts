// Counting plain text for a model: exact for OpenAI encodings, a calibrated band for everyone else.
import { getEncoding } from './bpe';
import { resolveTokenizer, type ResolveOptions, type Tokenizer } from './models';
import type { EncodingName } from './ranks';

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
  return scaleCount(getEncoding(tokenizer.encoding).count(text), tokenizer);
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
