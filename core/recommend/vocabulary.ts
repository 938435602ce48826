// Word lists per language, compiled into one regular expression per feature. JavaScript's `\b` knows only ASCII
// letters (it never fires before "ü" or "é"), so boundaries here are tested with Unicode letter classes; Chinese,
// Japanese and Korean attach particles and endings to words without spaces, so their entries match anywhere.

export const languages = ['en', 'de', 'fr', 'es', 'pt', 'it', 'ja', 'zh', 'ko'] as const;
export type Language = (typeof languages)[number];

/**
 * Entries per language. A string is a word or phrase: `*` stands for any further letters ("übersetz*"), a space for
 * any whitespace, and `…` for up to 60 characters of the same sentence ("fasse … zusammen"); every other character is
 * literal. A RegExp is used as written, with its `\b` made Unicode-aware.
 */
export type Vocabulary = Partial<Record<Language, readonly (string | RegExp)[]>>;

const unspaced: ReadonlySet<Language> = new Set(['ja', 'zh', 'ko']);
/**
 * A letter or digit of the alphabets that separate words with spaces (Latin with its accents, Greek, Cyrillic), as
 * explicit ranges: Unicode script properties make every pattern several times slower. A CJK character next to a
 * Latin one is a boundary.
 */
const wordCharacter = [
  '[0-9A-Za-z_',
  String.raw`\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F`, // Latin-1 and Latin Extended letters
  String.raw`\u0300-\u036F`, // combining accents
  String.raw`\u0370-\u03FF\u0400-\u04FF`, // Greek, Cyrillic
  String.raw`\u1E00-\u1EFF]`, // Latin Extended Additional (Vietnamese)
].join('');
const wordStart = `(?<!${wordCharacter})`;
const wordEnd = `(?!${wordCharacter})`;
const boundary = `(?:${wordStart}(?=${wordCharacter})|(?<=${wordCharacter})${wordEnd})`;
const sameSentence = String.raw`[^.!?。！？\n]{1,60}?`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A RegExp's source with `\b` made Unicode-aware (outside character classes). Where the source shows which side of
 * the boundary is a letter, only the other side is tested: the two-sided test makes a pattern several times slower.
 */
export function unicodeSource(pattern: RegExp): string {
  const source = pattern.source;
  return source.replace(/\\b|\\.|\[(?:\\.|[^\]\\])*\]/g, (token: string, offset: number) => {
    if (token !== '\\b') return token;
    const before = source.slice(Math.max(0, offset - 2), offset);
    const after = source.slice(offset + 2, offset + 6);
    if (/^(\w|\\[wd]|\((\?:)?[A-Za-z0-9])/.test(after)) return wordStart;
    if (/(^|[^\\])[A-Za-z0-9]$|[A-Za-z0-9]\)$/.test(before)) return wordEnd;
    return boundary;
  });
}

/** A source whose letters are lower case, escapes (`\S`, `\p{L}`) kept: it matches lower-cased text. */
function lowerCaseSource(source: string): string {
  const escapeOrText = /\\[pPu]\{[^}]*\}|\\.|[^\\]+/g;
  return source.replace(escapeOrText, (token) => (token.startsWith('\\') ? token : token.toLowerCase()));
}

function wordSource(entry: string): string {
  return entry
    .split('…')
    .map((part) =>
      part
        .trim()
        .split(/\s+/)
        .map((word) => word.split('*').map(escape).join(String.raw`\p{L}*`))
        .join(String.raw`\s+`),
    )
    .join(sameSentence);
}

/** A compiled word list: `test` says whether a text contains any entry. */
export interface WordPattern {
  test(text: string): boolean;
}

/**
 * One pattern matching any entry of any language (case-insensitive unless `caseSensitive`). The words of spaced
 * languages share one pair of boundary tests, so the engine can still pick candidates by their first letter. The
 * case-insensitive pattern is compiled in lower case and tested on lower-cased text: the `i` flag's Unicode case
 * folding makes compiling the large lists several times slower.
 */
export function vocabulary(
  lists: Vocabulary,
  options: { multiline?: boolean; caseSensitive?: boolean } = {},
): WordPattern {
  const spacedWords: string[] = [];
  const alternatives: string[] = [];
  const letters = (source: string) => (options.caseSensitive ? source : lowerCaseSource(source));
  for (const [language, entries] of Object.entries(lists) as [Language, readonly (string | RegExp)[]][]) {
    for (const entry of entries) {
      if (entry instanceof RegExp) alternatives.push(unicodeSource(new RegExp(letters(entry.source))));
      else if (unspaced.has(language)) alternatives.push(wordSource(letters(entry)));
      else spacedWords.push(wordSource(letters(entry)));
    }
  }
  if (spacedWords.length) alternatives.unshift(`${wordStart}(?:${spacedWords.join('|')})${wordEnd}`);
  const pattern = new RegExp(alternatives.map((source) => `(?:${source})`).join('|'), options.multiline ? 'mu' : 'u');
  return options.caseSensitive ? pattern : { test: (text) => pattern.test(text.toLowerCase()) };
}

/**
 * A RegExp from parts: a string is regular-expression source, a list is one of its words (escaped). For patterns
 * whose choices are long named lists, so no source line grows past reading length.
 */
export function phrase(...parts: (string | readonly string[])[]): RegExp {
  const source = parts.map((part) => (typeof part === 'string' ? part : `(?:${part.map(escape).join('|')})`));
  return new RegExp(source.join(''));
}
