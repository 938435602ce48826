import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { splitter, withUnicodeWhitespace } from '../../../core/tokens/pieces';

declare const require: (id: string) => { pat_str: string };

// The ASCII scanner must cut exactly where the encoding's regex cuts (with `\s` as Unicode's White_Space, as tiktoken
// reads it).
const alphabet = [
  ...'aAbZzQ',
  ...'sStTrReEvVlLmMdD',
  "'",
  "'",
  ...'0179',
  ' ',
  ' ',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  ...'/./,!-_"#(){}<>*',
  '\x00',
  '\x1f',
  '\x7f',
  'é',
  'É',
  'ǅ',
  'ʰ',
  '\u0301',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u0085',
  '\u2028',
  '٣',
  'Ⅳ',
  '日',
  '。',
  '—',
  '😀',
  '\ud800',
  '\udc00',
];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((chars) => chars.join(''));

for (const name of ['o200k_base', 'cl100k_base', 'p50k_base'] as const) {
  describe(`pieces of ${name}`, () => {
    const pattern = require(`js-tiktoken/ranks/${name}`).pat_str;
    const split = splitter(name, pattern);
    const pieces = (input: string) => {
      const out: string[] = [];
      split(input, (start, end) => void out.push(input.slice(start, end)));
      return out;
    };

    it('cuts where the regex cuts, on ASCII and around non-ASCII characters', () => {
      fc.assert(
        fc.property(text, (input) => {
          assert.deepEqual(pieces(input), input.match(new RegExp(withUnicodeWhitespace(pattern), 'gu')) ?? []);
        }),
        { numRuns: 3000 },
      );
    });

    it('stops when asked', () => {
      const seen: string[] = [];
      split('one two three', (start, end) => {
        seen.push('one two three'.slice(start, end));
        return seen.length === 2;
      });
      assert.deepEqual(seen, ['one', ' two']);
    });
  });
}
