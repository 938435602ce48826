// Text split by writing system, for estimates whose ratio to the counting encoding depends on it: a SentencePiece
// vocabulary such as Gemini's packs Japanese far tighter than o200k_base does, and code looser than prose.
import type { Encoding } from './bpe';

/** A kind of text whose ratio to the counting encoding is calibrated on its own. */
export type TextKind = 'prose' | 'code' | 'chinese' | 'japanese' | 'korean';

export const textKinds: readonly TextKind[] = ['prose', 'code', 'chinese', 'japanese', 'korean'];

/** Tokens of the counting encoding per kind of text. */
export type KindCounts = Record<TextKind, number>;

export const noCounts = (): KindCounts => ({ prose: 0, code: 0, chinese: 0, japanese: 0, korean: 0 });

// Han, kana, CJK punctuation and full-width forms run together in Chinese and Japanese; Hangul (with the Han a
// Korean text may carry) in Korean. Everything else — Latin, Cyrillic, code, emoji — is "other".
const cjkRun =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u30fc]+|[\p{Script=Hangul}]+/gu;
const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const hangul = /\p{Script=Hangul}/u;
const symbol = /[^\p{L}\p{N}\s]/gu;
const whitespace = /\s/gu;

/**
 * Counts `text` in `encoding` by kind: CJK runs are counted apart, and the rest is split between prose and code by
 * how much of it is punctuation and symbols (prose ~4–8 % of non-space characters, code ~15–30 %).
 */
export function countByKind(encoding: Encoding, text: string, into: KindCounts = noCounts()): KindCounts {
  let other = '';
  let last = 0;
  for (const match of text.matchAll(cjkRun)) {
    other += text.slice(last, match.index);
    last = match.index + match[0].length;
    const run = match[0];
    const kind: TextKind = hangul.test(run) ? 'korean' : kana.test(run) ? 'japanese' : 'chinese';
    into[kind] += encoding.count(run);
  }
  if (last === 0) other = text;
  else other += text.slice(last);
  if (other.length === 0) return into;
  const tokens = encoding.count(other);
  const code = codeShare(other);
  into.code += tokens * code;
  into.prose += tokens * (1 - code);
  return into;
}

/** 0 for prose, 1 for code, linear between: the share of symbols among non-space characters, from 6 % to 18 %. */
export function codeShare(text: string): number {
  const nonSpace = text.length - (text.match(whitespace)?.length ?? 0);
  if (nonSpace === 0) return 0;
  const symbols = (text.match(symbol)?.length ?? 0) / nonSpace;
  return Math.min(1, Math.max(0, (symbols - 0.06) / 0.12));
}
