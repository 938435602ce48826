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

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'function', 'return', 'else', 'do', 'try', 'finally', 'async', 'await', 'new', 'typeof', 'in', 'of', 'super']);

/** The source with string, comment and regular-expression contents replaced by spaces (same offsets). */
function maskJavaScript(source: string): string {
  const out = source.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let lastSignificant = '';
  let lastWord = '';
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      // A quoted string cannot span lines unescaped, so a stray quote (JSX text) costs at most one line.
      let k = i + 1;
      while (k < source.length && source[k] !== c && source[k] !== '\n') k += source[k] === '\\' ? 2 : 1;
      blank(i + 1, Math.min(k, source.length));
      i = k + 1;
      lastSignificant = c;
    } else if (c === '`') {
      // Template literals, `${…}` included: a function defined inside one is not worth the nesting logic.
      let k = i + 1;
      let depth = 0;
      while (k < source.length) {
        const d = source[k]!;
        if (d === '\\') k += 2;
        else if (depth === 0 && d === '`') break;
        else {
          if (d === '$' && source[k + 1] === '{') depth++, k++;
          else if (d === '}' && depth > 0) depth--;
          k++;
        }
      }
      blank(i + 1, Math.min(k, source.length));
      i = k + 1;
      lastSignificant = '`';
    } else if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant) || /^(return|typeof|case|in|of|void|yield|await)$/.test(lastWord))) {
      let k = i + 1;
      let inClass = false;
      while (k < source.length && source[k] !== '\n') {
        const d = source[k]!;
        if (d === '\\') k++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        k++;
      }
      blank(i + 1, Math.min(k, source.length));
      i = k + 1;
      lastSignificant = '/';
      lastWord = '';
    } else {
      if (/[A-Za-z_$0-9]/.test(c)) {
        IDENTIFIER.lastIndex = i;
        const word = /[A-Za-z_$]/.test(c) ? IDENTIFIER.exec(source)?.[0] : undefined;
        if (word) {
          lastWord = word;
          lastSignificant = 'a';
          i += word.length;
          continue;
        }
        lastSignificant = '0';
        lastWord = '';
      } else if (!/\s/.test(c)) {
        lastSignificant = c;
        lastWord = '';
      }
      i++;
    }
  }
  return out.join('');
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
  if (text[k - 1] === '>' && text[k - 2] === '=') {
    let p = k - 2;
    while (p > 0 && /\s/.test(text[p - 1]!)) p--;
    // Return type `(…): T => {` is rare enough to ignore; parameters are `(…)` or one identifier.
    let start: number;
    if (text[p - 1] === ')') start = openingParen(text, p - 1);
    else start = wordBefore(text, p)?.start ?? -1;
    if (start < 0) return undefined;
    const asyncWord = wordBefore(text, start);
    return assignedName(text, asyncWord?.word === 'async' ? asyncWord.start : start);
  }
  // An object literal assigned to a name (`const handlers = {`, `config: {`): its methods read `handlers.draft`.
  if (text[k - 1] === '=' || text[k - 1] === ':') return assignedName(text, k);
  // `class Name … {`
  const header = text.slice(Math.max(0, k - 300), k);
  const statementStart = Math.max(header.lastIndexOf(';'), header.lastIndexOf('{'), header.lastIndexOf('}'));
  const statement = header.slice(statementStart + 1);
  const classMatch = /\bclass\s+([A-Za-z_$][\w$]*)[^()]*$/.exec(statement);
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

function asyncStart(text: string, start: number): number {
  const word = wordBefore(text, start);
  return word?.word === 'async' ? word.start : start;
}

function javascriptBlocks(source: string): NamedBlock[] {
  const text = maskJavaScript(source);
  const blocks: NamedBlock[] = [];
  const open: { name?: string; start: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') open.push({ name: blockName(text, i), start: i });
    else if (c === '}') {
      const block = open.pop();
      if (block?.name !== undefined) blocks.push({ name: block.name, start: block.start, end: i + 1 });
    }
  }
  // Arrow functions with an expression body (`const triage = (t) => openai.chat…(…)`) end at their statement.
  const arrow = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>\s*(?!\s*\{)/g;
  for (const match of text.matchAll(arrow)) {
    const start = match.index!;
    const end = expressionEnd(text, start + match[0].length);
    blocks.push({ name: match[1]!, start, end });
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
    } else if (depth === 0 && (c === ';' || (c === '\n' && !/^\s*[.?:&|+\-*/]/.test(text.slice(k + 1, k + 40))))) return k;
  }
  return text.length;
}

/** Python: `def`/`class` blocks by indentation, strings and comments masked so a dedented prompt text in a
 * triple-quoted string does not end its function. */
function pythonBlocks(source: string): NamedBlock[] {
  const out = source.split('');
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') out[i++] = ' ';
    } else if (c === '"' || c === "'") {
      const triple = source.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let k = i + quote.length;
      while (k < source.length && !source.startsWith(quote, k) && (triple || source[k] !== '\n')) k += source[k] === '\\' ? 2 : 1;
      // The closing quote too: a `"""` alone on a line at column 0 must not end the function.
      for (let m = i + 1; m < Math.min(k + quote.length, source.length); m++) if (out[m] !== '\n') out[m] = ' ';
      i = k + quote.length;
    } else i++;
  }
  const text = out.join('');
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
export function promptIdentities(prompts: readonly ExtractedPrompt[], source: string, file: string, language: string): string[] {
  if (prompts.length === 0) return [];
  if (prompts.every((prompt) => prompt.kind === 'file')) {
    const name = frontMatterName(source);
    return prompts.map((_, i) => (i === 0 ? (name ?? file) : `${name ?? file}~${i + 1}`));
  }
  const blocks = language === 'python' ? pythonBlocks(source) : javascriptBlocks(source);
  const scopes = prompts.map((prompt) => {
    const scope = scopeAt(blocks, prompt.range.start);
    if (prompt.kind === 'binding' && prompt.name !== undefined && scope[scope.length - 1] !== prompt.name) scope.push(prompt.name);
    // A module-level call is named by the variable it is assigned to (`escalation_prompt = ChatPromptTemplate…`).
    if (prompt.kind === 'call' && scope.length === 0) {
      const lineStart = source.lastIndexOf('\n', prompt.range.start - 1) + 1;
      const assigned = /^\s*(?:export\s+)?(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(source.slice(lineStart, prompt.range.start));
      if (assigned) scope.push(assigned[1]!);
    }
    return scope.join('.');
  });
  const shapes = prompts.map((prompt, i) => {
    const shape = prompt.kind === 'call' ? prompt.callSite?.api ?? 'call' : prompt.name ?? prompt.kind;
    return scopes[i] === '' ? shape : scopes[i]!;
  });
  // Several prompts in one scope: the call shape tells them apart, then an ordinal in source order.
  const byShape = new Map<string, number>();
  shapes.forEach((shape) => byShape.set(shape, (byShape.get(shape) ?? 0) + 1));
  const qualified = shapes.map((shape, i) => {
    const prompt = prompts[i]!;
    return byShape.get(shape)! > 1 && scopes[i] !== '' && prompt.kind === 'call' ? `${shape}/${prompt.callSite?.api ?? 'call'}` : shape;
  });
  const seen = new Map<string, number>();
  return qualified.map((key) => {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return `${file}#${count === 1 ? key : `${key}~${count}`}`;
  });
}
