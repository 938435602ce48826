// The encodings' patterns class characters by Unicode's general categories, and a JavaScript runtime applies its own
// Unicode version: Node 20 knows Unicode 17, while tiktoken, which the API bills with, knows Unicode 16. The letters,
// marks and digits Unicode 17 added are therefore letters to the runtime and unassigned to tiktoken, and text holding
// them would split differently. These are those characters, found by probing every letter, mark and digit Node 20
// knows against tiktoken beside a letter, a digit and a contraction (test/core/tokens/bpe.test.ts re-runs the probe,
// so a runtime that knows a newer Unicode fails it until its additions are listed here).
const ADDED_AFTER_TIKTOKEN: ReadonlyArray<readonly [number, number]> = [
  [0x088f, 0x088f],
  [0x0c5c, 0x0c5c],
  [0x0cdc, 0x0cdc],
  [0x1acf, 0x1add],
  [0x1ae0, 0x1aeb],
  [0xa7ce, 0xa7cf],
  [0xa7d2, 0xa7d2],
  [0xa7d4, 0xa7d4],
  [0xa7f1, 0xa7f1],
  [0x10940, 0x10959],
  [0x10ec5, 0x10ec7],
  [0x10efa, 0x10efb],
  [0x11b60, 0x11b67],
  [0x11db0, 0x11ddb],
  [0x11de0, 0x11de9],
  [0x16ea0, 0x16eb8],
  [0x16ebb, 0x16ed3],
  [0x16ff2, 0x16ff6],
  [0x187f8, 0x187ff],
  [0x18d09, 0x18d1e],
  [0x18d80, 0x18df2],
  [0x1e6c0, 0x1e6de],
  [0x1e6e0, 0x1e6f5],
  [0x1e6fe, 0x1e6ff],
  [0x2b73a, 0x2b73f],
  [0x2cea2, 0x2cead],
  [0x323b0, 0x33479],
];

const hex = (code: number) => `\\u{${code.toString(16)}}`;
const added = `[${ADDED_AFTER_TIKTOKEN.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('')}]`;
const anyAdded = new RegExp(added, 'u');
const eachAdded = new RegExp(added, 'gu');

/**
 * `text` as tiktoken's Unicode version sees it, for splitting only: each character it does not know becomes a
 * noncharacter of the same length (U+FFFF, or U+10FFFF for a surrogate pair), which no version assigns, so pieces
 * found in the result have the same bounds in `text`. The text itself when it holds none, as nearly all text does.
 */
export function asTiktokenSeesIt(text: string): string {
  return anyAdded.test(text) ? text.replace(eachAdded, (char) => (char.length === 1 ? '\uffff' : '\u{10ffff}')) : text;
}
