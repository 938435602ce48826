// Stable, readable prompt ids: `src/triage.ts#triageTicket` (file + enclosing function/class/variable), the call's
// API or the binding's name when one scope holds several prompts, then an ordinal; a prompt file's front-matter
// `name`, else its path. An id stays the same while lines move and text changes, and changes only when the prompt
// moves to another function or file (or its neighbours in the same scope change order).
//
// The enclosing names come from a light scan of the text (strings, comments and regular expressions masked out),
// not from the extractors' parsers, so every language front end gets the same ids for the cost of one pass.
import type { ExtractedPrompt } from './types';

interface NamedBlock {
  name: string;
  start: number;
  end: number;
}

const NOT_NAMES = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'with',
  'function',
  'return',
  'else',
  'do',
  'try',
  'finally',
  'async',
  'await',
  'new',
  'typeof',
  'in',
  'of',
  'super',
]);

const isWordCode = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
const isSpaceCode = (code: number) => code === 32 || code === 10 || code === 13 || code === 9;
const REGEX_AFTER = new Set([...'(,=:[!&|?{};+-*%<>~^'].map((c) => c.charCodeAt(0)));
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'in', 'of', 'void', 'yield', 'await']);

/** The text with everything but line breaks in the ranges replaced by spaces (same offsets). */
function blanked(source: string, ranges: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    out += source.slice(at, start) + source.slice(start, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + source.slice(at);
}

/** The source with string, comment and regular-expression contents replaced by spaces (same offsets). */
function maskJavaScript(source: string): string {
  const ranges: [number, number][] = [];
  const length = source.length;
  // What came last, to tell a regular expression's `/` from a division: a word, a number, or a punctuator code.
  let last = 0;
  let wordStart = 0;
  let wordEnd = 0;
  for (let i = 0; i < length; ) {
    const c = source.charCodeAt(i);
    const next = source.charCodeAt(i + 1);
    if (c === 47 && next === 47) {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? length : end;
      ranges.push([i, stop]);
      i = stop;
    } else if (c === 47 && next === 42) {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? length : end + 2;
      ranges.push([i, stop]);
      i = stop;
    } else if (c === 34 || c === 39) {
      // A quoted string cannot span lines unescaped, so a stray quote (JSX text) costs at most one line.
      let k = i + 1;
      while (k < length) {
        const d = source.charCodeAt(k);
        if (d === c || d === 10) break;
        k += d === 92 ? 2 : 1;
      }
      ranges.push([i + 1, Math.min(k, length)]);
      i = k + 1;
      last = c;
    } else if (c === 96) {
      // Template literals, `${…}` included: a function defined inside one is not worth the nesting logic.
      let k = i + 1;
      let depth = 0;
      while (k < length) {
        const d = source.charCodeAt(k);
        if (d === 92) k += 2;
        else if (depth === 0 && d === 96) break;
        else {
          if (d === 36 && source.charCodeAt(k + 1) === 123) {
            depth++;
            k++;
          } else if (d === 125 && depth > 0) depth--;
          k++;
        }
      }
      ranges.push([i + 1, Math.min(k, length)]);
      i = k + 1;
      last = c;
    } else if (
      c === 47 &&
      (last === 0 || REGEX_AFTER.has(last) || (last === -1 && REGEX_AFTER_WORD.has(source.slice(wordStart, wordEnd))))
    ) {
      let k = i + 1;
      let inClass = false;
      while (k < length) {
        const d = source.charCodeAt(k);
        if (d === 10) break;
        if (d === 92) k++;
        else if (d === 91) inClass = true;
        else if (d === 93) inClass = false;
        else if (d === 47 && !inClass) break;
        k++;
      }
      ranges.push([i + 1, Math.min(k, length)]);
      i = k + 1;
      last = c;
    } else if (isWordCode(c)) {
      let k = i + 1;
      while (k < length && isWordCode(source.charCodeAt(k))) k++;
      // -1: a word (a keyword before a regular expression, or a name before a division); -2: a number.
      last = c >= 48 && c <= 57 ? -2 : -1;
      wordStart = i;
      wordEnd = k;
      i = k;
    } else {
      if (!isSpaceCode(c)) last = c;
      i++;
    }
  }
  return blanked(source, ranges);
}

/** The identifier ending right before `end` (after spaces), and where it starts. */
function wordBefore(text: string, end: number): { word: string; start: number } | undefined {
  let k = end;
  while (k > 0 && /\s/.test(text[k - 1]!)) k--;
  const stop = k;
  while (k > 0 && /[\w$]/.test(text[k - 1]!)) k--;
  return k < stop && /[A-Za-z_$]/.test(text[k]!) ? { word: text.slice(k, stop), start: k } : undefined;
}

/** The offset of the `(` matching the `)` at `close`, in masked text. */
function openingParen(text: string, close: number): number {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    if (text[k] === ')') depth++;
    else if (text[k] === '(' && --depth === 0) return k;
  }
  return -1;
}

/** The name a value assigned at `at` (right after `=` or `:` is expected before) gets: `const name =`, `name:`. */
function assignedName(text: string, at: number): string | undefined {
  let k = at;
  while (k > 0 && /\s/.test(text[k - 1]!)) k--;
  if (text[k - 1] === '=' && !'=!<>'.includes(text[k - 2] ?? '')) k--;
  else if (text[k - 1] === ':') k--;
  else return undefined;
  // `const name: Type = …`: step back over a simple type annotation.
  const head = text.slice(Math.max(0, k - 200), k);
  const annotated = /([A-Za-z_$][\w$]*)\s*:\s*[\w$.<>[\]|&, ]*$/.exec(head);
  if (annotated && text[k] === '=') return annotated[1];
  return wordBefore(text, k)?.word;
}

/** The name of the block a `{` at `open` starts: a function, method, class, or function-valued variable. */
function blockName(text: string, open: number): string | undefined {
  let k = open;
  while (k > 0 && /\s/.test(text[k - 1]!)) k--;
  // Arrow function body: `name = (…) => {` or `name = x => {`.
  if (text[k - 1] === '>' && text[k - 2] === '=') return arrowName(text, k - 2);
  // An object literal assigned to a name (`const handlers = {`, `config: {`): its methods read `handlers.draft`.
  if (text[k - 1] === '=' || text[k - 1] === ':') return assignedName(text, k);
  // `class Name … {`
  const header = text.slice(Math.max(0, k - 300), k);
  const statementStart = Math.max(header.lastIndexOf(';'), header.lastIndexOf('{'), header.lastIndexOf('}'));
  const statement = header.slice(statementStart + 1);
  const classMatch = statement.includes('class') ? /\bclass\s+([A-Za-z_$][\w$]*)[^()]*$/.exec(statement) : null;
  if (classMatch) return classMatch[1];
  // `…(params) {` or `…(params): ReturnType {`
  const close = statement.lastIndexOf(')');
  if (close < 0) return undefined;
  const between = statement.slice(close + 1);
  if (!/^\s*(:[^=]*)?\s*$/.test(between)) return undefined;
  const closeAt = statementStart + 1 + (k - header.length) + close;
  const openAt = openingParen(text, closeAt);
  if (openAt < 0) return undefined;
  let before = openAt;
  // Generic parameters `name<T>(…)`.
  while (before > 0 && /\s/.test(text[before - 1]!)) before--;
  if (text[before - 1] === '>') {
    const lt = text.lastIndexOf('<', before - 1);
    if (lt > 0) before = lt;
  }
  const word = wordBefore(text, before);
  if (!word) return undefined;
  if (word.word === 'function') return assignedName(text, asyncStart(text, word.start));
  if (NOT_NAMES.has(word.word)) return undefined;
  const keyword = wordBefore(text, word.start);
  if (keyword?.word === 'function') return word.word;
  // An object method or class method `name(…) {`, unless it is a call `foo(…) {` that cannot be (no such syntax).
  return word.word;
}

/** The name an arrow function whose `=>` is at `arrow` is assigned to (`const name = async (…) =>`), if any. */
function arrowName(text: string, arrow: number): string | undefined {
  let p = arrow;
  while (p > 0 && /\s/.test(text[p - 1]!)) p--;
  // Return type `(…): T => {` is rare enough to ignore; parameters are `(…)` or one identifier.
  const start = text[p - 1] === ')' ? openingParen(text, p - 1) : (wordBefore(text, p)?.start ?? -1);
  if (start < 0) return undefined;
  return assignedName(text, asyncStart(text, start));
}

function asyncStart(text: string, start: number): number {
  const word = wordBefore(text, start);
  return word?.word === 'async' ? word.start : start;
}

function javascriptBlocks(source: string): NamedBlock[] {
  const text = maskJavaScript(source);
  const blocks: NamedBlock[] = [];
  const open: { name?: string; start: number }[] = [];
  const braces = /[{}]/g;
  for (let match = braces.exec(text); match; match = braces.exec(text)) {
    const i = match.index;
    if (text[i] === '{') open.push({ name: blockName(text, i), start: i });
    else {
      const block = open.pop();
      if (block?.name !== undefined) blocks.push({ name: block.name, start: block.start, end: i + 1 });
    }
  }
  // Arrow functions with an expression body (`const triage = (t) => openai.chat…(…)`) end with their expression.
  for (let arrow = text.indexOf('=>'); arrow >= 0; arrow = text.indexOf('=>', arrow + 2)) {
    let body = arrow + 2;
    while (body < text.length && /\s/.test(text[body]!)) body++;
    if (text[body] === '{') continue;
    const name = arrowName(text, arrow);
    if (name !== undefined) blocks.push({ name, start: arrow, end: expressionEnd(text, body) });
  }
  return blocks;
}

/** Where an expression starting at `from` ends: the first `;` or line break at bracket depth 0. */
function expressionEnd(text: string, from: number): number {
  let depth = 0;
  for (let k = from; k < text.length; k++) {
    const c = text[k]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return k;
      depth--;
    } else if (depth === 0 && (c === ';' || (c === '\n' && !/^\s*[.?:&|+\-*/]/.test(text.slice(k + 1, k + 40)))))
      return k;
  }
  return text.length;
}

/** Python: `def`/`class` blocks by indentation, strings and comments masked so a dedented prompt text in a
 * triple-quoted string does not end its function. */
function pythonBlocks(source: string): NamedBlock[] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    if (c === '#') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      ranges.push([i, stop]);
      i = stop;
    } else if (c === '"' || c === "'") {
      const triple = source.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let k = i + quote.length;
      while (k < source.length && !source.startsWith(quote, k) && (triple || source[k] !== '\n'))
        k += source[k] === '\\' ? 2 : 1;
      // The closing quote too: a `"""` alone on a line at column 0 must not end the function.
      ranges.push([i + 1, Math.min(k + quote.length, source.length)]);
      i = k + quote.length;
    } else i++;
  }
  const text = blanked(source, ranges);
  const blocks: NamedBlock[] = [];
  const open: { name: string; indent: number; start: number }[] = [];
  let depth = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (depth === 0 && line.trim() !== '') {
      const indent = line.length - line.trimStart().length;
      while (open.length > 0 && open[open.length - 1]!.indent >= indent) {
        const block = open.pop()!;
        blocks.push({ name: block.name, start: block.start, end: lineStart });
      }
      const header = /^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/.exec(line);
      if (header) open.push({ name: header[1]!, indent, start: lineStart + indent });
    }
    for (const c of line) {
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    }
  }
  for (const block of open) blocks.push({ name: block.name, start: block.start, end: text.length });
  return blocks;
}

/** The dotted path of named blocks enclosing `offset`, outermost first (`Triage.run`). */
function scopeAt(blocks: readonly NamedBlock[], offset: number): string[] {
  return blocks
    .filter((block) => block.start <= offset && offset < block.end)
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((block) => block.name);
}

/** A prompt file's front-matter `name:` (top level), if it has one. */
function frontMatterName(source: string): string | undefined {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  const name = match && /^name[ \t]*:[ \t]*(["']?)(.+?)\1[ \t]*(?:#.*)?$/m.exec(match[1]!);
  return name ? name[2]!.trim() : undefined;
}

/**
 * Stable ids for the prompts of one file (in the order given). `file` is the path the ids carry (repository-relative
 * with forward slashes, as reports show it).
 */
export function promptIdentities(
  prompts: readonly ExtractedPrompt[],
  source: string,
  file: string,
  language: string,
): string[] {
  if (prompts.length === 0) return [];
  if (prompts.every((prompt) => prompt.kind === 'file')) {
    const name = frontMatterName(source);
    return prompts.map((_, i) => (i === 0 ? (name ?? file) : `${name ?? file}~${i + 1}`));
  }
  const blocks = language === 'python' ? pythonBlocks(source) : javascriptBlocks(source);
  const scopes = prompts.map((prompt) => {
    const scope = scopeAt(blocks, prompt.range.start);
    if (prompt.kind === 'binding' && prompt.name !== undefined && scope[scope.length - 1] !== prompt.name)
      scope.push(prompt.name);
    // A module-level call is named by the variable it is assigned to (`escalation_prompt = ChatPromptTemplate…`).
    if (prompt.kind === 'call' && scope.length === 0) {
      const lineStart = source.lastIndexOf('\n', prompt.range.start - 1) + 1;
      const assigned =
        /^\s*(?:export\s+)?(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(
          source.slice(lineStart, prompt.range.start),
        );
      if (assigned) scope.push(assigned[1]!);
    }
    return scope.join('.');
  });
  const shapes = prompts.map((prompt, i) => {
    const shape = prompt.kind === 'call' ? (prompt.callSite?.api ?? 'call') : (prompt.name ?? prompt.kind);
    return scopes[i] === '' ? shape : scopes[i]!;
  });
  // Several prompts in one scope: the call shape tells them apart, then an ordinal in source order.
  const byShape = new Map<string, number>();
  shapes.forEach((shape) => byShape.set(shape, (byShape.get(shape) ?? 0) + 1));
  const qualified = shapes.map((shape, i) => {
    const prompt = prompts[i]!;
    return byShape.get(shape)! > 1 && scopes[i] !== '' && prompt.kind === 'call'
      ? `${shape}/${prompt.callSite?.api ?? 'call'}`
      : shape;
  });
  const seen = new Map<string, number>();
  return qualified.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return `${file}#${count === 1 ? key : `${key}~${count}`}`;
  });
}
