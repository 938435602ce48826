// Whole characters as the starting parts of a merge, where that provably changes nothing.
//
// BPE starts from single bytes, so a CJK character (three UTF-8 bytes) costs two merges before its token exists, and
// a CJK piece three times the parts a whole-character start would have. Starting a character as its own token gives
// the same ids as long as, in the byte-level merge, the character completes on its own before anything outside it
// merges with one of its bytes, and nothing that could merge with the whole character comes earlier than its own
// merges would have let it. Both depend only on ranks and on the bytes just before and after the character, so each
// character gets two 256-bit masks of neighbouring bytes that forbid it; everywhere else it starts whole.
//
// The proof, for a character c whose bytes B merge alone into one token, with pending merge rank ρ at each stage of
// that (the lowest rank among its own adjacent parts; at most M, the highest rank its own merges use):
// 1. Take the first merge that joins a part of c still incomplete with a part outside it. Until then c evolved
//    alone, so its pending pair (rank ρ) is present, and the merge's token has a lower rank. That token ends with
//    the byte z before c followed by c's first part, or starts with c's last part followed by the byte w after c.
//    If every such token ranks above ρ for the stage, the merge cannot happen.
// 2. With c whole from the start, a pair (neighbour, c) exists earlier than in the byte-level merge. Its token ends
//    with z followed by B (or starts with B then w); if every such token ranks above M, every merge the byte-level
//    run makes meanwhile ranks lower, so the order of all other merges is the same.
// The masks mark each z (and w) that breaks 1 or 2. Tests hold the encoders to tiktoken on fuzzed text as well.
import type { RankTable } from './ranks';

const NONE = 0x7fffffff;

/** Lowest rank per key over a list of (neighbour byte, rank) pairs. */
type Neighbours = Map<number, number[]>;

export class WholeChars {
  /** Per BMP code point: 0 not yet worked out, -1 never whole, else 1 + its entry in `info`. */
  private readonly entryOf = new Int32Array(0x10000);
  /** Per entry: the character's rank, then 8 words of forbidden preceding bytes, then 8 of following bytes. */
  private info = new Int32Array(17 * 256);
  private entries = 0;
  // Lowest rank of tokens ending with (z, lead byte), and starting with (continuation byte, w): dense.
  private readonly endLead = new Int32Array(64 * 256).fill(NONE);
  private readonly startTail = new Int32Array(64 * 256).fill(NONE);
  // Tokens ending with z + two or three bytes of a character, or starting with two or three bytes then w: sparse.
  private readonly endMulti: Neighbours = new Map();
  private readonly startMulti: Neighbours = new Map();
  private readonly scratch = new Uint8Array(3);
  /** A whole character's highest own merge, by its bytes as a key (-1: it never merges into one token). */
  private readonly highestMerges = new Map<number, number>();

  constructor(private readonly table: RankTable) {
    const { pool, start, length } = table;
    for (let rank = 0; rank < length.length; rank++) {
      const n = length[rank];
      if (n < 2) continue;
      const at = start[rank];
      const end = at + n;
      // Most tokens are ASCII at both ends, and only a character's bytes at an end matter here.
      if (pool[at] < 0x80 && pool[end - 1] < 0x80) continue;
      // Tails: a lead byte of a 2- or 3-byte character, then up to two continuation bytes.
      for (let m = 1; m <= 3 && m < n; m++) {
        const lead = pool[end - m];
        if (lead < 0xc0 || lead >= 0xf0 || !continuations(pool, end - m + 1, end)) continue;
        const z = pool[end - m - 1];
        if (m === 1) lower(this.endLead, (lead & 63) * 256 + z, rank);
        else if (this.mayMatter(pool, end - m, end, rank)) add(this.endMulti, key(pool, end - m, end), z, rank);
      }
      // Heads: one to three bytes of a character's end, or a whole 2- or 3-byte character, then a byte w.
      for (let m = 1; m <= 3 && m < n; m++) {
        const first = pool[at];
        const partial = first >= 0x80 && first < 0xc0;
        const whole = first >= 0xc0 && first < 0xf0 && m === (first >= 0xe0 ? 3 : 2);
        if ((!partial && !whole) || !continuations(pool, at + 1, at + m)) continue;
        const w = pool[at + m];
        if (m === 1) lower(this.startTail, (first & 63) * 256 + w, rank);
        else if (this.mayMatter(pool, at, at + m, rank)) add(this.startMulti, key(pool, at, at + m), w, rank);
      }
    }
  }

  /**
   * Whether a token of `rank` joining bytes[from, to) to a neighbour can forbid a whole start: always for part of a
   * character; for a whole character only below its highest own merge (tokens learnt later, such as the many words
   * that end in it, never can).
   */
  private mayMatter(bytes: Uint8Array, from: number, to: number, rank: number): boolean {
    const size = bytes[from] >= 0xe0 ? 3 : 2;
    if (bytes[from] < 0xc0 || to - from !== size) return true;
    const at = key(bytes, from, to);
    let highest = this.highestMerges.get(at);
    if (highest === undefined) {
      highest = ownMergesOf(this.table, bytes.slice(from, to))?.highest ?? -1;
      this.highestMerges.set(at, highest);
    }
    return rank <= highest;
  }

  /**
   * The rank to start the character at bytes[i] (a lead byte of a 2- or 3-byte character within bytes[0, n)) as one
   * part, or -1 to start it as bytes.
   */
  rankAt(bytes: Uint8Array, i: number, n: number, code: number): number {
    let entry = this.entryOf[code];
    if (entry === 0) entry = this.entryOf[code] = this.workOut(code);
    if (entry < 0) return -1;
    const base = (entry - 1) * 17;
    const info = this.info;
    if (i > 0) {
      const z = bytes[i - 1];
      if ((info[base + 1 + (z >> 5)] >>> (z & 31)) & 1) return -1;
    }
    const after = i + (code < 0x800 ? 2 : 3);
    if (after < n) {
      const w = bytes[after];
      if ((info[base + 9 + (w >> 5)] >>> (w & 31)) & 1) return -1;
    }
    return info[base];
  }

  private workOut(code: number): number {
    const b = this.scratch;
    let size: number;
    if (code < 0x800) {
      b[0] = 0xc0 | (code >> 6);
      b[1] = 0x80 | (code & 63);
      size = 2;
    } else {
      b[0] = 0xe0 | (code >> 12);
      b[1] = 0x80 | ((code >> 6) & 63);
      b[2] = 0x80 | (code & 63);
      size = 3;
    }
    const merges = ownMergesOf(this.table, b.subarray(0, size));
    if (!merges) return -1;
    const { rank, firstPending, highest, leftFirst } = merges;
    if (this.entries * 17 + 17 > this.info.length) {
      const grown = new Int32Array(this.info.length * 2);
      grown.set(this.info);
      this.info = grown;
    }
    const base = this.entries++ * 17;
    const info = this.info;
    info[base] = rank;
    const forbid = (at: number, byte: number) => {
      info[at + (byte >> 5)] |= 1 << (byte & 31);
    };
    const lead = b[0] & 63;
    const last = b[size - 1] & 63;
    // The lone first byte lives through the first stage, and (3 bytes, right pair first) through the second.
    const leadLives = size === 2 || !leftFirst ? highest : firstPending;
    // The lone last byte lives through the first stage, and (3 bytes, left pair first) through the second.
    const lastLives = size === 2 || leftFirst ? highest : firstPending;
    for (let byte = 0; byte < 256; byte++) {
      if (this.endLead[lead * 256 + byte] < leadLives) forbid(base + 1, byte);
      if (this.startTail[last * 256 + byte] < lastLives) forbid(base + 9, byte);
    }
    // Tokens joining the whole character to a neighbour must rank above all of its own merges.
    forbidBelow(this.endMulti.get(key(b, 0, size)), highest, (z) => forbid(base + 1, z));
    forbidBelow(this.startMulti.get(key(b, 0, size)), highest, (w) => forbid(base + 9, w));
    if (size === 3) {
      // Second stage: the first two bytes as one part (left pair first), or the last two (right pair first).
      if (leftFirst) forbidBelow(this.endMulti.get(key(b, 0, 2)), rank, (z) => forbid(base + 1, z));
      else forbidBelow(this.startMulti.get(key(b, 1, 3)), rank, (w) => forbid(base + 9, w));
    }
    return this.entries;
  }
}

/**
 * How a 2- or 3-byte character merges alone: into its token (`rank`), after a first merge of `firstPending` (3 bytes:
 * of the left pair, or else the right); `highest` is the higher of the two. Undefined if it never becomes one token.
 */
function ownMergesOf(table: RankTable, bytes: Uint8Array) {
  const size = bytes.length;
  const rank = table.rankOf(bytes, 0, size);
  if (rank < 0) return undefined;
  if (size === 2) return { rank, firstPending: rank, highest: rank, leftFirst: true };
  const r01 = table.rankOf(bytes, 0, 2);
  const r12 = table.rankOf(bytes, 1, 3);
  if (r01 < 0 && r12 < 0) return undefined;
  const leftFirst = r12 < 0 || (r01 >= 0 && r01 < r12);
  const firstPending = leftFirst ? r01 : r12;
  return { rank, firstPending, highest: Math.max(rank, firstPending), leftFirst };
}

function continuations(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((bytes[i] & 0xc0) !== 0x80) return false;
  return true;
}

/** Two or three bytes as one number; lengths cannot collide, as a three-byte key is above 0xffff. */
function key(bytes: Uint8Array, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) k = (k << 8) | bytes[i];
  return k;
}

function lower(table: Int32Array, at: number, rank: number): void {
  if (rank < table[at]) table[at] = rank;
}

function add(map: Neighbours, at: number, byte: number, rank: number): void {
  const list = map.get(at);
  if (list) list.push(byte, rank);
  else map.set(at, [byte, rank]);
}

function forbidBelow(list: number[] | undefined, limit: number, forbid: (byte: number) => void): void {
  if (!list) return;
  for (let i = 0; i < list.length; i += 2) if (list[i + 1] <= limit) forbid(list[i]);
}
