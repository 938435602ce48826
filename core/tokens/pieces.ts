// Splitting text into the pieces BPE merges within, by the encoding's regular expression — with a hand-written
// scanner in front for ASCII. The regex costs a third or more of all encoding time on English and code; the scanner
// decides a piece from a few character-class lookups. It implements the o200k and cl100k patterns alternative by
// alternative for ASCII text, and returns "unknown" whenever the answer could depend on a non-ASCII character, so
// that the regex — the definition — decides every such piece. Property tests hold it to js-tiktoken.
import type { EncodingName } from './ranks';
import { asTiktokenSeesIt } from './unicodeVersion';

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const NEWLINE = 4; // \r \n
const SPACE = 5; // ' '
const BLANK = 6; // \t \v \f: whitespace, but not the optional ' ' of the punctuation alternative
const OTHER = 7; // neither letter, digit nor whitespace

const classOf = (() => {
  const table = new Uint8Array(128).fill(OTHER);
  for (let c = 65; c <= 90; c++) table[c] = UPPER;
  for (let c = 97; c <= 122; c++) table[c] = LOWER;
  for (let c = 48; c <= 57; c++) table[c] = DIGIT;
  table[10] = table[13] = NEWLINE;
  table[32] = SPACE;
  table[9] = table[11] = table[12] = BLANK;
  return table;
})();

/** Returned when the piece at a position depends on non-ASCII text: the regex decides it. */
const UNKNOWN = -1;

/** The end of the piece starting at `p`, or UNKNOWN. */
type Scanner = (text: string, p: number) => number;

/** The class of the char at i (0 past the end), or -1 for a non-ASCII char. */
function at(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  return c < 128 ? classOf[c] : -1;
}

/** `'s|'t|'re|'ve|'m|'ll|'d` in any letter case at i; the end of the match, or i. */
function contraction(text: string, i: number): number {
  if (text.charCodeAt(i) !== 39 || i + 1 >= text.length) return i;
  const a = text.charCodeAt(i + 1) | 0x20; // ASCII lower-case fold; non-letters never match below
  if (a === 115 || a === 116 || a === 109 || a === 100) return i + 2; // s t m d
  if (i + 2 >= text.length) return i;
  const b = text.charCodeAt(i + 2) | 0x20;
  if ((a === 114 && b === 101) || (a === 118 && b === 101) || (a === 108 && b === 108)) return i + 3; // re ve ll
  return i;
}

/** `\p{N}{1,3}` from p. */
function digits(text: string, p: number): number {
  let i = p;
  while (i < p + 3 && at(text, i) === DIGIT) i++;
  return i < p + 3 && at(text, i) === -1 ? UNKNOWN : i;
}

/** The whitespace alternatives `\s*[\r\n]+ | \s+(?!\S) | \s+` from p. */
function whitespace(text: string, p: number): number {
  let i = p;
  let lastNewline = -1;
  for (;;) {
    const k = at(text, i);
    if (k === -1) return UNKNOWN; // a non-ASCII char might be whitespace too
    if (k !== NEWLINE && k !== SPACE && k !== BLANK) break;
    if (k === NEWLINE) lastNewline = i;
    i++;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (i >= text.length) return i;
  return i - p >= 2 ? i - 1 : i;
}

/** `[^\s\p{L}\p{N}]+` from p, then `tail` (a set of chars) repeated. */
function punctuation(text: string, p: number, slashInTail: boolean): number {
  let i = p;
  for (;;) {
    const k = at(text, i);
    if (k === -1) return UNKNOWN;
    if (k !== OTHER) break;
    i++;
  }
  for (;;) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (c === 10 || c === 13 || (slashInTail && c === 47)) i++;
    else return i;
  }
}

/**
 * o200k_base:
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(contraction)?
 * | [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(contraction)?
 * | \p{N}{1,3} | ?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+
 */
const o200k: Scanner = (text, p) => {
  const k = at(text, p);
  if (k === -1) return UNKNOWN;
  if (k === UPPER || k === LOWER) return o200kWord(text, p);
  if (k === DIGIT) return digits(text, p);
  if (k !== NEWLINE) {
    const next = at(text, p + 1);
    if (next === -1) return UNKNOWN;
    if (next === UPPER || next === LOWER) return o200kWord(text, p + 1);
    if (k === OTHER) return punctuation(text, p, true);
    if (k === SPACE && next === OTHER) return punctuation(text, p + 1, true);
  }
  return whitespace(text, p);
};

/** An upper-case run then a lower-case run (either may be empty, not both), then a contraction. */
function o200kWord(text: string, p: number): number {
  let i = p;
  while (at(text, i) === UPPER) i++;
  while (at(text, i) === LOWER) i++;
  if (at(text, i) === -1) return UNKNOWN; // a non-ASCII letter or mark would continue the word
  return contraction(text, i);
}

/**
 * cl100k_base:
 *   (contraction) | [^\r\n\p{L}\p{N}]?\p{L}+ | \p{N}{1,3} | ?[^\s\p{L}\p{N}]+[\r\n]* | \s*[\r\n]+ | \s+(?!\S) | \s+
 */
const cl100k: Scanner = (text, p) => {
  const k = at(text, p);
  if (k === -1) return UNKNOWN;
  const apostrophe = contraction(text, p);
  if (apostrophe > p) return apostrophe;
  if (k === UPPER || k === LOWER) return cl100kWord(text, p);
  if (k === DIGIT) return digits(text, p);
  if (k !== NEWLINE) {
    const next = at(text, p + 1);
    if (next === -1) return UNKNOWN;
    if (next === UPPER || next === LOWER) return cl100kWord(text, p + 1);
    if (k === OTHER) return punctuation(text, p, false);
    if (k === SPACE && next === OTHER) return punctuation(text, p + 1, false);
  }
  return whitespace(text, p);
};

function cl100kWord(text: string, p: number): number {
  let i = p;
  for (let k = at(text, i); k === UPPER || k === LOWER; k = at(text, i)) i++;
  return at(text, i) === -1 ? UNKNOWN : i;
}

const scanners: Partial<Record<EncodingName, Scanner>> = { o200k_base: o200k, cl100k_base: cl100k };

/** Calls `onPiece(start, end)` for each piece of `text`, in order; stops early when it returns true. */
export type Splitter = (text: string, onPiece: (start: number, end: number) => boolean | void) => void;

export function splitter(name: EncodingName, pattern: string): Splitter {
  const scan = scanners[name];
  const unicodePattern = withUnicodeWhitespace(pattern);
  const sticky = new RegExp(unicodePattern, 'uy');
  const global = new RegExp(unicodePattern, 'gu');
  return (text, onPiece) => {
    // What the regex reads, made on its first use: the scanner decides ASCII without it.
    let seen: string | undefined;
    let p = 0;
    while (p < text.length) {
      let end = scan ? scan(text, p) : UNKNOWN;
      if (end === UNKNOWN) {
        seen ??= asTiktokenSeesIt(text);
        sticky.lastIndex = p;
        if (sticky.test(seen)) end = sticky.lastIndex;
        else {
          // Nothing matches here: skip ahead to the next match, as a global regex (and js-tiktoken) would.
          global.lastIndex = p;
          const match = global.exec(seen);
          if (match === null) return;
          p = match.index;
          end = p + match[0].length;
        }
      }
      if (onPiece(p, end) === true) return;
      p = end;
    }
  };
}

/**
 * The encodings' patterns are written for Rust's regex crate, where `\s` is Unicode's White_Space property. A
 * JavaScript `\s` differs from it in two characters — it includes U+FEFF and leaves out U+0085 — so text containing
 * either was split differently from the tokenizer the API bills with. Spelling the property out matches it.
 */
export function withUnicodeWhitespace(pattern: string): string {
  return pattern.replaceAll('\\s', '\\p{White_Space}').replaceAll('\\S', '\\P{White_Space}');
}
