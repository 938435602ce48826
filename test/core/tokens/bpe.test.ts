import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { get_encoding as oracleEncoding } from 'tiktoken';
import { encodingNames, getEncoding } from '../../../core';

// The oracle is tiktoken itself (OpenAI's Rust tokenizer, as WASM): what the API bills. js-tiktoken is not one: its
// JavaScript regex splits around U+FEFF and U+0085 differently. encode() rejects special-token strings by default;
// tokenwise encodes them as the ordinary text they are in a user's prompt, which is encode(text, [], []).
const oracles = new Map(encodingNames.map((name) => [name, oracleEncoding(name)]));
const oracle = (name: (typeof encodingNames)[number], text: string) =>
  Array.from(oracles.get(name)!.encode(text, [], []));
const oracleDecode = (name: (typeof encodingNames)[number], ids: number[]) =>
  new TextDecoder().decode(oracles.get(name)!.decode(Uint32Array.from(ids)));

const samples = [
  '',
  'Hello, world!',
  "I'm sure they'll say it's what we'd've WANTED, DON'T YOU'LL?",
  'Ｆｕｌｌｗｉｄｔｈ and ﬁ ligatures, ǅ titlecase, ʰmodifier',
  '  leading spaces\n\n\n   \t trailing   \r\n\r\nwindows\rmac',
  '\uFEFFbyte order mark \uFEFF\uFEFF in the middle',
  ' \uFEFFhello',
  'a \uFEFF\uFEFF b\uFEFF\n\uFEFF',
  'next line\u0085 and \u0085\u0085 twice  \u0085x',
  '<|endoftext|> and <|endofprompt|> as plain text<|fim_prefix|>',
  '日本語のテキスト。中文文本，还有한국어 텍스트도 있습니다.',
  'e\u0301\u0302\u0303 combining marks: a\u0308o\u0308u\u0308 \u0301alone',
  'emoji 👍🏽👨‍👩‍👧‍👦🇫🇷 and text🙂',
  'lone surrogates \uD800 \uDC00 \uDBFF\uD800 end\uD83D',
  '12345678901234567890 3.14159 1,000,000 ٣٤٥ ⅣⅤ',
  'function f(x: number): string { return `${x}`; } // comment\n\tif (a&&b||c) {}',
  '////\\\\   ///\n\n/*** */ ----=== ...!!! ???',
  ' '.repeat(300) + 'x' + '\n'.repeat(40) + '\t'.repeat(100),
  'a'.repeat(1200),
  'Ab'.repeat(600),
  'ab1'.repeat(400),
  'x'.repeat(200) + '日'.repeat(300) + ' '.repeat(500),
  'aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ'.repeat(50),
];

const corpora = {
  prose: readFileSync('node_modules/mocha/README.md', 'utf8').slice(0, 20_000),
  code: readFileSync('node_modules/typescript/lib/typescript.js', 'utf8').slice(200_000, 230_000),
  ...Object.fromEntries(
    ['zh-cn', 'ja', 'ko'].map((locale) => [
      locale,
      Object.values(
        JSON.parse(
          readFileSync(`node_modules/typescript/lib/${locale}/diagnosticMessages.generated.json`, 'utf8'),
        ) as Record<string, string>,
      )
        .slice(0, 300)
        .join('\n'),
    ]),
  ),
};

// Characters where tokenizers disagree: whitespace (U+FEFF and U+0085, where JavaScript's \s and Unicode's differ), letters of every case class,
// numbers, marks, astral code points and lone surrogates.
const unit = fc.oneof(
  fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u3000', '\u2028', '\uFEFF', '\u0085', '\u200b'),
  fc.constantFrom(
    "'s",
    "'S",
    "'ll",
    "'LL",
    "'re",
    "'Ve",
    "'d",
    "'",
    '"',
    '/',
    '\\',
    '.',
    ',',
    '-',
    '_',
    '!',
    '?',
    '<|endoftext|>',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x0300, max: 0x036f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x1f300, max: 0x1faff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom('ǅ', 'ʰ', 'Ａ', 'ａ', 'Ω', 'ω', 'ß', 'İ', 'ﬁ', '٣', 'Ⅳ', '²', '½', '\u0903', 'ก', 'ำ'),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.nat(40).map((n) => ' '.repeat(n)),
);
const text = fc.array(unit, { maxLength: 40 }).map((parts) => parts.join(''));

// Dense runs of two- and three-byte characters next to each other and to ASCII, which decide when a character may
// start its merge whole (core/tokens/chars.ts): Latin-1, Greek, Cyrillic, Arabic, kana, Han, Hangul, CJK and
// full-width punctuation.
const bmpRanges: [number, number][] = [
  [0xa0, 0xff],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x600, 0x6ff],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xff00, 0xffef],
];
const multiByte = fc.oneof(
  ...bmpRanges.map(([from, to]) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c))),
  fc.constantFrom(' ', '\n', 'a', 'Z', '1', ',', '.', "'s", '"', '-', '😀'),
);
const multiByteText = fc.array(multiByte, { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''));

describe('encodings (tiktoken as oracle)', function () {
  // The oracle itself is slow: quadratic on long pieces and 1–2 s to load o200k.
  this.timeout(60_000);

  for (const name of encodingNames) {
    describe(name, () => {
      const encoding = getEncoding(name);

      it('encodes the samples to the same ids and decodes them back', () => {
        for (const sample of samples) {
          const expected = oracle(name, sample);
          assert.deepEqual(encoding.encode(sample), expected, JSON.stringify(sample.slice(0, 60)));
          assert.equal(encoding.count(sample), expected.length);
          assert.equal(encoding.decode(expected), oracleDecode(name, expected));
        }
      });

      for (const [corpus, body] of Object.entries(corpora)) {
        it(`encodes the ${corpus} corpus to the same ids`, () => {
          assert.deepEqual(encoding.encode(body), oracle(name, body));
        });
      }

      // Unicode's additions since tiktoken's tables (core/tokens/unicodeVersion.ts) are split as tiktoken splits them.
      if (name !== 'r50k_base')
        it('agrees beside every letter, mark and digit the runtime knows (a letter, a digit and a contraction)', () => {
          const same = (probe: string) =>
            JSON.stringify(encoding.encode(probe)) === JSON.stringify(oracle(name, probe));
          const differing: string[] = [];
          for (let code = 0x80; code <= 0x10ffff; code++) {
            if (code >= 0xd800 && code <= 0xdfff) continue;
            const char = String.fromCodePoint(code);
            if (!/[\p{L}\p{M}\p{N}]/u.test(char)) continue;
            if (![`a${char}a`, `1${char}`, ` ${char}'s`].every(same)) differing.push(code.toString(16));
          }
          assert.deepEqual(differing.slice(0, 20), []);
        });

      it('agrees on random Unicode (emoji, CJK, marks, lone surrogates, whitespace runs)', () => {
        fc.assert(
          fc.property(text, (input) => {
            assert.deepEqual(encoding.encode(input), oracle(name, input));
          }),
          { numRuns: name === 'o200k_base' || name === 'cl100k_base' ? 400 : 150 },
        );
      });

      it('agrees on dense mixes of two- and three-byte characters (whole-character starts)', () => {
        fc.assert(
          fc.property(multiByteText, (input) => {
            assert.deepEqual(encoding.encode(input), oracle(name, input));
          }),
          { numRuns: name === 'o200k_base' || name === 'cl100k_base' ? 1500 : 300 },
        );
      });

      it('agrees on long single pieces that take the heap merge', () => {
        fc.assert(
          fc.property(
            fc.string({
              unit: fc.constantFrom('a', 'b', 'A', 'z', 'é', '日', '本', '語', 'の', '한', 'ж'),
              minLength: 129,
              maxLength: 400,
            }),
            (input) => {
              assert.deepEqual(encoding.encode(input), oracle(name, input));
            },
          ),
          { numRuns: 60 },
        );
      });
    });
  }

  it('encodes a 1 MiB single-character piece (near-linear merge)', () => {
    const encoding = getEncoding('o200k_base');
    const tokens = encoding.encode('a'.repeat(1 << 20));
    assert.equal(encoding.decode(tokens), 'a'.repeat(1 << 20));
    assert.equal(encoding.count(' '.repeat(1 << 20)), encoding.encode(' '.repeat(1 << 20)).length);
  });

  it('round-trips text through encode and decode', () => {
    const encoding = getEncoding('o200k_base');
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        (input) => encoding.decode(encoding.encode(input)) === input,
      ),
    );
  });

  it('isWithinTokenLimit returns the count within the limit and false beyond it', () => {
    const encoding = getEncoding('cl100k_base');
    const body = corpora.prose;
    const total = encoding.count(body);
    assert.equal(encoding.isWithinTokenLimit(body, total), total);
    assert.equal(encoding.isWithinTokenLimit(body, total - 1), false);
    assert.equal(encoding.isWithinTokenLimit('', 0), 0);
  });

  it('rejects an unknown encoding name', () => {
    assert.throws(() => getEncoding('gpt2' as never), /Unknown encoding 'gpt2': expected one of o200k_base/);
  });

  it('rejects token ids outside the vocabulary when decoding', () => {
    assert.throws(() => getEncoding('r50k_base').decode([60_000]), /not in r50k_base/);
  });
});
