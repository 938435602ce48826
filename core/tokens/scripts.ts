// Text split by writing system, for estimates whose ratio to the counting encoding depends on it: a SentencePiece
// vocabulary such as Gemini's packs Japanese far tighter than o200k_base does, and code looser than prose.
import type { Encoding } from './bpe';

/**
 * A kind of text whose ratio to the counting encoding is calibrated on its own. `other` is text in scripts beyond
 * Latin and CJK (Greek, Cyrillic, Arabic, Hebrew, Indic, Thai…), emoji and symbols, which o200k_base packs far
 * tighter than Claude's vocabulary does.
 */
export type TextKind = 'prose' | 'code' | 'chinese' | 'japanese' | 'korean' | 'other';

export const textKinds: readonly TextKind[] = ['prose', 'code', 'chinese', 'japanese', 'korean', 'other'];

/** Tokens of the counting encoding per kind of text. */
export type KindCounts = Record<TextKind, number>;

export const noCounts = (): KindCounts => ({ prose: 0, code: 0, chinese: 0, japanese: 0, korean: 0, other: 0 });

// Classes of characters. Han, CJK punctuation, full-width forms and the prolonged sound mark run together in Chinese
// and Japanese text; kana makes a run Japanese, Hangul Korean. Letters of other scripts, emoji and symbols beyond
// Latin and general punctuation are FOREIGN; the rest is letters and numbers (WORD), white space (SPACE) or
// punctuation and symbols (SYMBOL).
const WORD = 1;
const SPACE = 2;
const SYMBOL = 3;
const FOREIGN = 4;
const HAN = 5;
const KANA = 6;
const HANGUL = 7;

const han = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u30fc]/u;
const kana = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const hangul = /\p{Script=Hangul}/u;
const word = /[\p{L}\p{N}]/u;
const space = /\s/u;

function classify(char: string): number {
  if (hangul.test(char)) return HANGUL;
  if (kana.test(char)) return KANA;
  if (han.test(char)) return HAN;
  if (space.test(char)) return SPACE;
  const code = char.codePointAt(0)!;
  // Latin (with its extensions, IPA and combining marks) ends at U+036F; general punctuation is U+2000–U+206F.
  if (code >= 0x370 && (code < 0x2000 || code > 0x206f)) return FOREIGN;
  return word.test(char) ? WORD : SYMBOL;
}

/** The class of each BMP character, worked out on first sight (0: not yet). */
let classes: Uint8Array | undefined;

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) return classify(text.slice(i, i + 2));
  classes ??= new Uint8Array(0x10000);
  return (classes[c] ||= classify(text[i]));
}

/**
 * Counts `text` in `encoding` by kind, in one pass over its pieces: runs of pieces with CJK characters are Chinese,
 * Japanese (kana anywhere in the run) or Korean (Hangul); pieces with other scripts, emoji or symbols are `other`;
 * the rest are split between prose and code by how much of their text is punctuation and symbols (prose ~4–8 % of
 * non-space characters, code ~15–30 %).
 */
export function countByKind(encoding: Encoding, text: string, into: KindCounts = noCounts()): KindCounts {
  let rest = 0;
  let symbols = 0;
  let nonSpace = 0;
  let run = 0;
  let runKind = 0;
  const endRun = () => {
    if (run === 0) return;
    into[runKind === HANGUL ? 'korean' : runKind === KANA ? 'japanese' : 'chinese'] += run;
    run = 0;
    runKind = 0;
  };
  encoding.countPieces(text, (start, end, tokens) => {
    let pieceSymbols = 0;
    let pieceNonSpace = 0;
    let cjk = 0;
    let foreign = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      const kind = c < 0x80 ? ascii[c] : classAt(text, i);
      if (kind >= HAN) cjk = Math.max(cjk, kind);
      else if (kind === FOREIGN) foreign = true;
      else if (kind !== SPACE) {
        pieceNonSpace++;
        if (kind === SYMBOL) pieceSymbols++;
      }
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
    if (cjk > 0) {
      run += tokens;
      // Hangul outranks kana, kana outranks Han: a run is as Korean or Japanese as any of its characters.
      runKind = Math.max(runKind, cjk);
      return;
    }
    endRun();
    if (foreign) {
      into.other += tokens;
      return;
    }
    rest += tokens;
    symbols += pieceSymbols;
    nonSpace += pieceNonSpace;
  });
  endRun();
  const code = codeShare(symbols, nonSpace);
  into.code += rest * code;
  into.prose += rest * (1 - code);
  return into;
}

const ascii = (() => {
  const table = new Uint8Array(0x80);
  for (let c = 0; c < 0x80; c++) table[c] = classify(String.fromCharCode(c));
  return table;
})();

/** 0 for prose, 1 for code, linear between: the share of symbols among non-space characters, from 6 % to 18 %. */
function codeShare(symbols: number, nonSpace: number): number {
  if (nonSpace === 0) return 0;
  return Math.min(1, Math.max(0, (symbols / nonSpace - 0.06) / 0.12));
}
