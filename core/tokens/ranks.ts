// Rank tables of the tiktoken encodings, read from js-tiktoken's published rank files.
//
// Each file is a 0.5–2.3 MB module, so they are required one at a time, on first use: a bundle evaluates (and pays
// for) only the encoding it needs. `require` here is esbuild's lazy module wrapper in bundles and Node's in tests.
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
  p50k_base: () => require('js-tiktoken/ranks/p50k_base'),
  r50k_base: () => require('js-tiktoken/ranks/r50k_base'),
};

/**
 * A token's bytes are kept as a "byte string": one char per byte (0–255). V8 stores such strings compactly, hashes
 * them fast, and an ASCII piece of text is already its own byte string, so most lookups need no conversion.
 */
export interface RankTable {
  pattern: string;
  specialTokens: Record<string, number>;
  ranks: Map<string, number>;
  /** Byte string of each rank (special tokens included); holes where the vocabulary has gaps. */
  bytesOf: string[];
  /** The longest token in bytes: no longer span can have a rank, so it is never looked up. */
  maxTokenBytes: number;
}

const base64Values = (() => {
  const table = new Uint8Array(128);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/** Decodes the base64 token at [start, end) of `source` into a byte string. */
function decodeToken(source: string, start: number, end: number, scratch: number[]): string {
  while (end > start && source.charCodeAt(end - 1) === 61 /* = */) end--;
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    buffer = (buffer << 6) | base64Values[source.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      scratch[length++] = (buffer >> bits) & 0xff;
    }
  }
  scratch.length = length;
  return String.fromCharCode.apply(null, scratch);
}

export function loadRankTable(name: EncodingName): RankTable {
  const file = loaders[name]();
  const source = file.bpe_ranks;
  const ranks = new Map<string, number>();
  const bytesOf: string[] = [];
  const scratch: number[] = [];
  let maxTokenBytes = 0;
  let position = 0;
  while (position < source.length) {
    let lineEnd = source.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = source.length;
    const labelEnd = source.indexOf(' ', position);
    const rankEnd = source.indexOf(' ', labelEnd + 1);
    let rank = Number(source.slice(labelEnd + 1, rankEnd === -1 || rankEnd > lineEnd ? lineEnd : rankEnd));
    let tokenStart = rankEnd + 1;
    while (rankEnd !== -1 && tokenStart <= lineEnd) {
      let tokenEnd = source.indexOf(' ', tokenStart);
      if (tokenEnd === -1 || tokenEnd > lineEnd) tokenEnd = lineEnd;
      if (tokenEnd > tokenStart) {
        const bytes = decodeToken(source, tokenStart, tokenEnd, scratch);
        ranks.set(bytes, rank);
        bytesOf[rank] = bytes;
        if (bytes.length > maxTokenBytes) maxTokenBytes = bytes.length;
        rank++;
      }
      tokenStart = tokenEnd + 1;
    }
    position = lineEnd + 1;
  }
  for (const [text, rank] of Object.entries(file.special_tokens)) bytesOf[rank] = utf8ByteString(text);
  return { pattern: file.pat_str, specialTokens: file.special_tokens, ranks, bytesOf, maxTokenBytes };
}

/**
 * UTF-8 bytes of `text` as a byte string. A lone surrogate becomes U+FFFD (EF BF BD), exactly as TextEncoder (and so
 * js-tiktoken and the OpenAI API's own UTF-8 handling) encodes it.
 */
export function utf8ByteString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out += text[i];
    } else if (c < 0x800) {
      out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c < 0xd800 || c > 0xdfff) {
      out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
        out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      } else {
        out += '\xef\xbf\xbd';
      }
    }
  }
  return out;
}
