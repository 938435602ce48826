// Rank tables of the tiktoken encodings, read from js-tiktoken's published rank files.
//
// Each file is a 0.5–2.3 MB module, so they are required one at a time, on first use: a bundle evaluates (and pays
// for) only the encoding it needs. `require` here is esbuild's lazy module wrapper in bundles and Node's in tests.
// p50k_base is r50k_base plus 24 whitespace tokens, so it is built from r50k's file and bundles carry only three.
declare const require: (id: string) => RankFile;

export type EncodingName = 'o200k_base' | 'cl100k_base' | 'p50k_base' | 'r50k_base';

export const encodingNames: readonly EncodingName[] = ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base'];

interface RankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  /** Lines of `label firstRank base64 base64 …`; consecutive tokens on a line have consecutive ranks. */
  bpe_ranks: string;
}

const loaders: Record<EncodingName, () => RankFile> = {
  o200k_base: () => require('js-tiktoken/ranks/o200k_base'),
  cl100k_base: () => require('js-tiktoken/ranks/cl100k_base'),
  p50k_base: () => {
    const r50k = require('js-tiktoken/ranks/r50k_base');
    return { ...r50k, bpe_ranks: `${r50k.bpe_ranks}\n${p50kWhitespace()}` };
  },
  r50k_base: () => require('js-tiktoken/ranks/r50k_base'),
};

/** p50k's tokens beyond r50k: runs of 2 to 25 spaces, ranks 50257–50280, as a line of the rank file. */
function p50kWhitespace(): string {
  return `! 50257 ${Array.from({ length: 24 }, (_, i) => btoa(' '.repeat(i + 2))).join(' ')}`;
}

/**
 * The vocabulary as flat typed arrays instead of 200k strings in a Map: every token's bytes in one pool, and an
 * open-addressing hash table from bytes to rank. It builds in a few milliseconds, takes ~5 MB for o200k, and a
 * lookup hashes bytes in place, allocating nothing.
 */
export class RankTable {
  /** All tokens' bytes, back to back, in rank order. */
  readonly pool: Uint8Array;
  /** Where each rank's bytes start in `pool`, and how many there are (0 for gaps in the vocabulary). */
  readonly start: Int32Array;
  readonly length: Uint16Array;
  /** Hash slots holding rank + 1 (0 = empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly maxTokenBytes: number;

  constructor(
    readonly pattern: string,
    readonly specialTokens: Record<string, number>,
    pool: Uint8Array,
    start: Int32Array,
    length: Uint16Array,
  ) {
    this.pool = pool;
    this.start = start;
    this.length = length;
    let count = 0;
    let longest = 0;
    for (let rank = 0; rank < length.length; rank++) {
      if (length[rank] > 0) count++;
      if (length[rank] > longest) longest = length[rank];
    }
    this.maxTokenBytes = longest;
    let size = 1;
    while (size < count * 2.5) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let rank = 0; rank < length.length; rank++) {
      if (length[rank] === 0) continue;
      let slot = hashBytes(pool, start[rank], start[rank] + length[rank]) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = rank + 1;
    }
  }

  /** The rank of bytes[from, to), or -1 when they are not a token. */
  rankOf(bytes: Uint8Array, from: number, to: number): number {
    const n = to - from;
    if (n > this.maxTokenBytes) return -1;
    const { pool, start, length, slots, mask } = this;
    let slot = hashBytes(bytes, from, to) & mask;
    for (;;) {
      const entry = slots[slot];
      if (entry === 0) return -1;
      const rank = entry - 1;
      if (length[rank] === n) {
        let i = 0;
        const at = start[rank];
        while (i < n && pool[at + i] === bytes[from + i]) i++;
        if (i === n) return rank;
      }
      slot = (slot + 1) & mask;
    }
  }
}

/** FNV-1a over bytes with a final avalanche, so consecutive slots do not cluster. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

const base64Values = (() => {
  const table = new Uint8Array(128);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

export function loadRankTable(name: EncodingName): RankTable {
  const file = loaders[name]();
  const source = file.bpe_ranks;
  let start = new Int32Array(Math.max(...Object.values(file.special_tokens)) + 1);
  let length = new Uint16Array(start.length);
  const pool = new Uint8Array(Math.ceil((source.length * 3) / 4));
  let used = 0;
  let position = 0;
  while (position < source.length) {
    let lineEnd = source.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = source.length;
    const labelEnd = source.indexOf(' ', position);
    const rankEnd = source.indexOf(' ', labelEnd + 1);
    if (labelEnd === -1 || labelEnd > lineEnd || rankEnd === -1 || rankEnd > lineEnd) {
      position = lineEnd + 1;
      continue;
    }
    let rank = Number(source.slice(labelEnd + 1, rankEnd));
    // Ranks can run past the special tokens (p50k's whitespace tokens do): grow the arrays to the line's last rank.
    const lastRank = rank + countSpaces(source, rankEnd, lineEnd);
    if (lastRank >= start.length) {
      const size = Math.max(lastRank + 1, start.length * 2);
      start = grow(start, new Int32Array(size));
      length = grow(length, new Uint16Array(size));
    }
    // Tokens are separated by single spaces, each base64 in groups of four characters padded with '='.
    let i = rankEnd + 1;
    while (i < lineEnd) {
      start[rank] = used;
      for (; i < lineEnd && source.charCodeAt(i) !== 32; i += 4) {
        const a = base64Values[source.charCodeAt(i)];
        const b = base64Values[source.charCodeAt(i + 1)];
        pool[used++] = (a << 2) | (b >> 4);
        const third = source.charCodeAt(i + 2);
        if (third === 61 /* = */) continue;
        const c = base64Values[third];
        pool[used++] = ((b & 15) << 4) | (c >> 2);
        const fourth = source.charCodeAt(i + 3);
        if (fourth === 61) continue;
        pool[used++] = ((c & 3) << 6) | base64Values[fourth];
      }
      if (used > start[rank]) {
        length[rank] = used - start[rank];
        rank++;
      }
      i++;
    }
    position = lineEnd + 1;
  }
  // A view, not a copy: a copy would hold both buffers until the old one is swept, a peak above the saving.
  return new RankTable(file.pat_str, file.special_tokens, pool.subarray(0, used), start, length);
}

function countSpaces(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 32) count++;
  return count;
}

function grow<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
