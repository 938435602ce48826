// Byte-pair encoding with tiktoken's semantics and no quadratic corner.
//
// Text is split into pieces by the encoding's pattern, each piece's UTF-8 bytes are merged pair by pair, always
// merging the lowest-ranked adjacent pair (leftmost on ties) until none has a rank. That rule defines the token ids,
// so both merge strategies below apply it; they differ only in cost. Short pieces use tiktoken's array scan, which
// is quadratic in the piece length but fastest for the few dozen bytes of a typical word. Long pieces (a run of one
// character, a minified line, base64) use a heap over a linked list: O(n log n), so 1 MiB of 'a' takes well under
// a second instead of the 20 minutes the array scan would take.
import { loadRankTable, utf8ByteString, type EncodingName, type RankTable } from './ranks';

export interface Encoding {
  name: EncodingName;
  /** Token ids of `text`; special-token strings such as `<|endoftext|>` are encoded as ordinary text. */
  encode(text: string): number[];
  decode(tokens: number[]): string;
  /** The number of tokens `encode` would return, without building the array. */
  count(text: string): number;
  /** The token count if it is at most `limit`, else false; stops reading as soon as the limit is passed. */
  isWithinTokenLimit(text: string, limit: number): number | false;
}

const NO_RANK = 0x7fffffff;
/** Pieces up to this many bytes use the array scan; longer ones the heap. */
const HEAP_THRESHOLD = 128;
/** Pieces up to this many chars are cached: V8 copies strings this short, so a cache key never pins a large text. */
const CACHE_MAX_PIECE = 12;
const CACHE_MAX_ENTRIES = 65_536;

class BytePairEncoding implements Encoding {
  private readonly pattern: RegExp;
  private readonly ranks: Map<string, number>;
  private readonly bytesOf: string[];
  private readonly maxTokenBytes: number;
  /** Piece text → its token (a number) or tokens (an array). Words repeat, so most pieces are answered here. */
  private readonly cache = new Map<string, number | number[]>();
  private readonly decoder = new TextDecoder('utf-8');

  constructor(readonly name: EncodingName, table: RankTable) {
    this.pattern = new RegExp(table.pattern, 'gu');
    this.ranks = table.ranks;
    this.bytesOf = table.bytesOf;
    this.maxTokenBytes = table.maxTokenBytes;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const tokens = this.piece(match[0]);
      if (typeof tokens === 'number') out.push(tokens);
      else for (let i = 0; i < tokens.length; i++) out.push(tokens[i]);
    }
    return out;
  }

  count(text: string): number {
    return this.countUpTo(text, Infinity);
  }

  isWithinTokenLimit(text: string, limit: number): number | false {
    const count = this.countUpTo(text, limit);
    return count > limit ? false : count;
  }

  decode(tokens: number[]): string {
    let bytes = '';
    for (const token of tokens) {
      const piece = this.bytesOf[token];
      if (piece === undefined) throw new RangeError(`Token id ${token} is not in ${this.name}.`);
      bytes += piece;
    }
    const buffer = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
    return this.decoder.decode(buffer);
  }

  /** Counts tokens, stopping once the count exceeds `limit`. */
  private countUpTo(text: string, limit: number): number {
    let count = 0;
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const tokens = this.piece(match[0]);
      count += typeof tokens === 'number' ? 1 : tokens.length;
      if (count > limit) break;
    }
    return count;
  }

  private piece(text: string): number | number[] {
    const cacheable = text.length <= CACHE_MAX_PIECE;
    if (cacheable) {
      const cached = this.cache.get(text);
      if (cached !== undefined) return cached;
    }
    const bytes = isAscii(text) ? text : utf8ByteString(text);
    const whole = this.ranks.get(bytes);
    const tokens = whole !== undefined ? whole : bytes.length <= HEAP_THRESHOLD ? this.mergeByScan(bytes) : this.mergeByHeap(bytes);
    if (cacheable) {
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(text, tokens);
    }
    return tokens;
  }

  private rankOf(bytes: string, start: number, end: number): number {
    if (end - start > this.maxTokenBytes) return NO_RANK;
    const rank = this.ranks.get(bytes.slice(start, end));
    return rank === undefined ? NO_RANK : rank;
  }

  /** tiktoken's merge: parts[i] is a part's start; pairRank[i] the rank of parts i and i+1 merged. */
  private mergeByScan(bytes: string): number[] {
    const n = bytes.length;
    const starts: number[] = new Array(n + 1);
    const pairRank: number[] = new Array(n);
    for (let i = 0; i <= n; i++) starts[i] = i;
    for (let i = 0; i < n - 1; i++) pairRank[i] = this.rankOf(bytes, i, i + 2);
    pairRank[n - 1] = NO_RANK;
    let parts = n;
    for (;;) {
      let min = NO_RANK;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        if (pairRank[i] < min) {
          min = pairRank[i];
          at = i;
        }
      }
      if (at === -1) break;
      starts.splice(at + 1, 1);
      pairRank.splice(at + 1, 1);
      parts--;
      pairRank[at] = at + 2 <= parts ? this.rankOf(bytes, starts[at], starts[at + 2]) : NO_RANK;
      if (at > 0) pairRank[at - 1] = this.rankOf(bytes, starts[at - 1], starts[at + 1]);
    }
    const tokens: number[] = new Array(parts);
    for (let i = 0; i < parts; i++) tokens[i] = this.ranks.get(bytes.slice(starts[i], starts[i + 1]))!;
    return tokens;
  }

  /**
   * The same merge order with a binary heap of (rank, start) keys over a linked list of parts. A popped key is
   * acted on only if it still describes the pair at that start; superseded keys are skipped (lazy deletion).
   */
  private mergeByHeap(bytes: string): number[] {
    const n = bytes.length;
    // A part starts at byte i and ends where the next part starts; next[i] = -1 marks a part merged away.
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const pairRank = new Int32Array(n);
    const heap = new MinHeap(n);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      pairRank[i] = i + 2 <= n ? this.rankOf(bytes, i, i + 2) : NO_RANK;
      if (pairRank[i] !== NO_RANK) heap.push(pairRank[i] * SHIFT + i);
    }
    while (heap.size > 0) {
      const key = heap.pop();
      const rank = Math.floor(key / SHIFT);
      const start = key - rank * SHIFT;
      if (next[start] === -1 || pairRank[start] !== rank) continue;
      const merged = next[start];
      const after = next[merged];
      next[start] = after;
      next[merged] = -1;
      if (after < n) prev[after] = start;
      pairRank[start] = after < n ? this.rankOf(bytes, start, next[after]) : NO_RANK;
      if (pairRank[start] !== NO_RANK) heap.push(pairRank[start] * SHIFT + start);
      const before = prev[start];
      if (before >= 0) {
        pairRank[before] = this.rankOf(bytes, before, after);
        if (pairRank[before] !== NO_RANK) heap.push(pairRank[before] * SHIFT + before);
      }
    }
    const tokens: number[] = [];
    for (let i = 0; i < n; i = next[i]) tokens.push(this.ranks.get(bytes.slice(i, next[i]))!);
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

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items[--this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && items[child + 1] < items[child]) child++;
      if (items[child] >= last) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const encodings = new Map<EncodingName, Encoding>();

/** The named encoding; its rank table is loaded on first use and kept. */
export function getEncoding(name: EncodingName): Encoding {
  let encoding = encodings.get(name);
  if (!encoding) {
    encoding = new BytePairEncoding(name, loadRankTable(name));
    encodings.set(name, encoding);
  }
  return encoding;
}
