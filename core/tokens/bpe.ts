// Byte-pair encoding with tiktoken's semantics and no quadratic corner.
//
// Text is split into pieces by the encoding's pattern, each piece's UTF-8 bytes are merged pair by pair, always
// merging the lowest-ranked adjacent pair (leftmost on ties) until none has a rank. That rule defines the token ids,
// so both merge strategies below apply it; they differ only in cost. Short pieces use tiktoken's array scan, which
// is quadratic in the piece length but fastest for the few dozen bytes of a typical word. Long pieces (a run of one
// character, a minified line, base64) use a heap over a linked list: O(n log n), so 1 MiB of 'a' takes well under
// a second instead of the 20 minutes the array scan would take.
import { WholeChars } from './chars';
import { splitter, type Splitter } from './pieces';
import { encodingNames, loadRankTable, type EncodingName, type RankTable } from './ranks';

export interface Encoding {
  name: EncodingName;
  /** Token ids of `text`; special-token strings such as `<|endoftext|>` are encoded as ordinary text. */
  encode(text: string): number[];
  decode(tokens: number[]): string;
  /** The number of tokens `encode` would return, without building the array. */
  count(text: string): number;
  /** The token count if it is at most `limit`, else false; stops reading as soon as the limit is passed. */
  isWithinTokenLimit(text: string, limit: number): number | false;
  /** Calls `onPiece` with each piece of `text` (text.slice(start, end)) and its token count, in order. */
  countPieces(text: string, onPiece: (start: number, end: number, tokens: number) => void): void;
}

const NO_RANK = 0x7fffffff;
/** Pieces of up to this many starting parts use the array scan; longer ones the heap. */
const HEAP_THRESHOLD = 128;
/** Pieces up to this many chars are cached: V8 copies strings this short, so a cache key never pins a large text. */
const CACHE_MAX_PIECE = 12;
const CACHE_MAX_ENTRIES = 100_000;
/** Slots of the direct-mapped cache of pair merges (a power of two). */
const PAIR_CACHE_SLOTS = 1 << 16;

class BytePairEncoding implements Encoding {
  private readonly split: Splitter;
  /** Piece text → its token (a number) or tokens (an array). Words repeat, so most pieces are answered here. */
  private readonly cache = new Map<string, number | number[]>();
  private readonly decoder = new TextDecoder('utf-8');
  private readonly byteRank = new Int32Array(256);
  private readonly specialBytes = new Map<number, Uint8Array>();
  // Scratch space reused by every piece: its UTF-8 bytes, its starting parts (where each starts, and its rank), and
  // the pair ranks of the array-scan merge.
  private bytes = new Uint8Array(1024);
  private starts = new Int32Array(1025);
  private partRanks = new Int32Array(1025);
  private readonly pairRanks = new Int32Array(HEAP_THRESHOLD + 1);
  /** Built on the first piece with a character of two or three UTF-8 bytes that is not a token by itself. */
  private wholeChars: WholeChars | undefined;
  // Every part is a token, so whether two parts merge depends only on their two ranks. Remembering the answer per
  // rank pair spares re-hashing their bytes, which dominates on long pieces and on CJK, where pieces are long.
  private readonly pairLeft = new Int32Array(PAIR_CACHE_SLOTS).fill(-1);
  private readonly pairRight = new Int32Array(PAIR_CACHE_SLOTS);
  private readonly pairMerged = new Int32Array(PAIR_CACHE_SLOTS);

  constructor(
    readonly name: EncodingName,
    private readonly table: RankTable,
  ) {
    this.split = splitter(name, table.pattern);
    const one = new Uint8Array(1);
    for (let b = 0; b < 256; b++) {
      one[0] = b;
      this.byteRank[b] = table.rankOf(one, 0, 1);
    }
    const encoder = new TextEncoder();
    for (const [text, rank] of Object.entries(table.specialTokens)) this.specialBytes.set(rank, encoder.encode(text));
  }

  encode(text: string): number[] {
    const out: number[] = [];
    this.split(text, (start, end) => {
      const tokens = this.piece(text.slice(start, end));
      if (typeof tokens === 'number') out.push(tokens);
      else for (let i = 0; i < tokens.length; i++) out.push(tokens[i]);
    });
    return out;
  }

  count(text: string): number {
    return this.countUpTo(text, Infinity);
  }

  isWithinTokenLimit(text: string, limit: number): number | false {
    const count = this.countUpTo(text, limit);
    return count > limit ? false : count;
  }

  countPieces(text: string, onPiece: (start: number, end: number, tokens: number) => void): void {
    this.split(text, (start, end) => {
      const tokens = this.piece(text.slice(start, end));
      onPiece(start, end, typeof tokens === 'number' ? 1 : tokens.length);
    });
  }

  decode(tokens: number[]): string {
    const { pool, start, length } = this.table;
    const parts: Uint8Array[] = [];
    let total = 0;
    for (const token of tokens) {
      const part =
        token >= 0 && token < length.length && length[token] > 0
          ? pool.subarray(start[token], start[token] + length[token])
          : this.specialBytes.get(token);
      if (part === undefined) throw new RangeError(`Token id ${token} is not in ${this.name}.`);
      parts.push(part);
      total += part.length;
    }
    const buffer = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      buffer.set(part, at);
      at += part.length;
    }
    return this.decoder.decode(buffer);
  }

  /** Counts tokens, stopping once the count exceeds `limit`. */
  private countUpTo(text: string, limit: number): number {
    let count = 0;
    this.split(text, (start, end) => {
      const tokens = this.piece(text.slice(start, end));
      count += typeof tokens === 'number' ? 1 : tokens.length;
      return count > limit;
    });
    return count;
  }

  private piece(text: string): number | number[] {
    const cacheable = text.length <= CACHE_MAX_PIECE;
    if (cacheable) {
      const cached = this.cache.get(text);
      if (cached !== undefined) return cached;
    }
    const n = this.utf8(text);
    const whole = this.table.rankOf(this.bytes, 0, n);
    let tokens: number | number[] = whole;
    if (whole < 0) {
      const parts = this.startParts(n);
      tokens = parts <= HEAP_THRESHOLD ? this.mergeByScan(n, parts) : this.mergeByHeap(n, parts);
    }
    if (cacheable) {
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(text, tokens);
    }
    return tokens;
  }

  /**
   * Writes the UTF-8 bytes of `text` to the scratch buffer and returns their count. A lone surrogate becomes U+FFFD
   * (EF BF BD), exactly as TextEncoder — and so js-tiktoken and the OpenAI API — encodes it.
   */
  private utf8(text: string): number {
    if (this.bytes.length < text.length * 3) {
      this.bytes = new Uint8Array(text.length * 3);
      this.starts = new Int32Array(text.length * 3 + 1);
      this.partRanks = new Int32Array(text.length * 3 + 1);
    }
    const bytes = this.bytes;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        bytes[n++] = c;
      } else if (c < 0x800) {
        bytes[n++] = 0xc0 | (c >> 6);
        bytes[n++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        bytes[n++] = 0xe0 | (c >> 12);
        bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[n++] = 0x80 | (c & 0x3f);
      } else {
        const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
          bytes[n++] = 0xf0 | (c >> 18);
          bytes[n++] = 0x80 | ((c >> 12) & 0x3f);
          bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
          bytes[n++] = 0x80 | (c & 0x3f);
        } else {
          bytes[n++] = 0xef;
          bytes[n++] = 0xbf;
          bytes[n++] = 0xbd;
        }
      }
    }
    return n;
  }

  /** The rank of parts `left` (bytes from..) and `right` (..to) merged, or NO_RANK. */
  private pairRank(left: number, right: number, from: number, to: number): number {
    if (to - from > this.table.maxTokenBytes) return NO_RANK;
    const slot = (Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b)) >>> 16;
    if (this.pairLeft[slot] === left && this.pairRight[slot] === right) return this.pairMerged[slot];
    const found = this.table.rankOf(this.bytes, from, to);
    const rank = found < 0 ? NO_RANK : found;
    this.pairLeft[slot] = left;
    this.pairRight[slot] = right;
    this.pairMerged[slot] = rank;
    return rank;
  }

  /**
   * The parts the merge of bytes[0, n) starts from, into starts and partRanks: single bytes, except characters that
   * WholeChars lets start as their own token (the ids are the same; a CJK piece has a third of the parts). Returns
   * how many there are; starts[parts] is n.
   */
  private startParts(n: number): number {
    const { bytes, byteRank, starts, partRanks } = this;
    let parts = 0;
    for (let i = 0; i < n; ) {
      const b = bytes[i];
      if (b >= 0xc0 && b < 0xf0) {
        // The bytes come from utf8() above, so they are well formed.
        const two = b < 0xe0;
        const code = two
          ? ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f)
          : ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        this.wholeChars ??= new WholeChars(this.table);
        const rank = this.wholeChars.rankAt(bytes, i, n, code);
        if (rank >= 0) {
          starts[parts] = i;
          partRanks[parts++] = rank;
          i += two ? 2 : 3;
          continue;
        }
      }
      starts[parts] = i;
      partRanks[parts++] = byteRank[b];
      i++;
    }
    starts[parts] = n;
    return parts;
  }

  /** tiktoken's merge: part i spans starts[i]..starts[i+1]; pairRanks[i] is the rank of parts i and i+1 merged. */
  private mergeByScan(n: number, startParts: number): number[] {
    const { starts, pairRanks, partRanks } = this;
    let parts = startParts;
    for (let i = 0; i < parts - 1; i++)
      pairRanks[i] = this.pairRank(partRanks[i], partRanks[i + 1], starts[i], starts[i + 2]);
    pairRanks[parts - 1] = NO_RANK;
    for (;;) {
      let min = NO_RANK;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        if (pairRanks[i] < min) {
          min = pairRanks[i];
          at = i;
        }
      }
      if (at === -1) break;
      partRanks[at] = min;
      parts--;
      for (let i = at + 1; i < parts; i++) {
        starts[i] = starts[i + 1];
        pairRanks[i] = pairRanks[i + 1];
        partRanks[i] = partRanks[i + 1];
      }
      starts[parts] = n;
      pairRanks[at] =
        at + 2 <= parts ? this.pairRank(partRanks[at], partRanks[at + 1], starts[at], starts[at + 2]) : NO_RANK;
      if (at > 0) pairRanks[at - 1] = this.pairRank(partRanks[at - 1], partRanks[at], starts[at - 1], starts[at + 1]);
    }
    return Array.from(partRanks.subarray(0, parts));
  }

  /**
   * The same merge order with a binary heap of (rank, start) keys over a linked list of parts. A popped key is
   * acted on only if it still describes the pair at that start; superseded keys are skipped (lazy deletion).
   */
  private mergeByHeap(n: number, parts: number): number[] {
    const { starts } = this;
    // A part starts at byte i and ends where the next part starts; next[i] = -1 marks a part merged away.
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const pairRank = new Int32Array(n);
    const partRank = new Int32Array(n);
    const heap = new MinHeap(parts);
    for (let p = 0; p < parts; p++) {
      const i = starts[p];
      next[i] = starts[p + 1];
      prev[i] = p > 0 ? starts[p - 1] : -1;
      partRank[i] = this.partRanks[p];
    }
    for (let p = 0; p < parts; p++) {
      const i = starts[p];
      pairRank[i] = p + 1 < parts ? this.pairRank(partRank[i], partRank[next[i]], i, starts[p + 2]) : NO_RANK;
      if (pairRank[i] !== NO_RANK) heap.add(pairRank[i] * SHIFT + i);
    }
    heap.heapify();
    while (heap.size > 0) {
      const key = heap.pop();
      const rank = Math.floor(key / SHIFT);
      const start = key - rank * SHIFT;
      if (next[start] === -1 || pairRank[start] !== rank) continue;
      const merged = next[start];
      const after = next[merged];
      partRank[start] = rank;
      next[start] = after;
      next[merged] = -1;
      if (after < n) prev[after] = start;
      pairRank[start] = after < n ? this.pairRank(rank, partRank[after], start, next[after]) : NO_RANK;
      if (pairRank[start] !== NO_RANK) heap.push(pairRank[start] * SHIFT + start);
      const before = prev[start];
      if (before >= 0) {
        pairRank[before] = this.pairRank(partRank[before], rank, before, after);
        if (pairRank[before] !== NO_RANK) heap.push(pairRank[before] * SHIFT + before);
      }
    }
    const tokens: number[] = [];
    for (let i = 0; i < n; i = next[i]) tokens.push(partRank[i]);
    return tokens;
  }
}

/** Heap keys are rank × 2^32 + start: exact in a double, and ordered by rank, then by position. */
const SHIFT = 2 ** 32;

class MinHeap {
  private items: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Float64Array(Math.max(16, capacity));
  }

  push(key: number): void {
    if (this.size === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= key) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = key;
  }

  /** Appends without ordering; call heapify() before the first pop. */
  add(key: number): void {
    this.items[this.size++] = key;
  }

  /** Orders the appended keys in O(n), cheaper than n pushes. */
  heapify(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i, this.items[i]);
  }

  pop(): number {
    const top = this.items[0];
    const last = this.items[--this.size];
    if (this.size > 0) this.siftDown(0, last);
    return top;
  }

  private siftDown(from: number, key: number): void {
    const items = this.items;
    let i = from;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && items[child + 1] < items[child]) child++;
      if (items[child] >= key) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = key;
  }
}

const encodings = new Map<EncodingName, Encoding>();

/** The named encoding; its rank table is loaded on first use and kept. */
export function getEncoding(name: EncodingName): Encoding {
  let encoding = encodings.get(name);
  if (!encoding) {
    if (!encodingNames.includes(name))
      throw new RangeError(`Unknown encoding '${name}': expected one of ${encodingNames.join(', ')}.`);
    encoding = new BytePairEncoding(name, loadRankTable(name));
    encodings.set(name, encoding);
  }
  return encoding;
}
