// Python front end. No mature Python parser runs in a web worker at this size, so this is a scanner: a tokenizer
// that knows Python's strings exactly (prefixes, triple quotes, escapes, f-string fields with nested quotes and
// format specs), comments, brackets and line structure, and a small expression reader over its tokens that
// produces the shared value model. test/core/extract/python.test.ts proves it on tricky inputs.
import {
  BINDING_HINT,
  asksTerminal,
  insideAny,
  isPromptBinding,
  mentionsLlm,
  roleOfName,
  type DraftPrompt,
  type Span,
} from './prompts';
import { CALL_HINT, apiOf, interpretCall, type UnreadCallDraft } from './sdk';
import {
  Declarations,
  formatVariables,
  isTextLike,
  resolve,
  textOf,
  type CallValue,
  type ObjectEntry,
  type TextValue,
  type Value,
  type ValueContext,
} from './values';
import { leadingPath, looksTruncated, type RawVariable } from './variables';

interface Token extends Span {
  type: 'name' | 'string' | 'number' | 'op' | 'newline';
  value: string;
  /** Bracket depth before the token. */
  depth: number;
  /** For strings: the decoded text, where it sits, and f-string variables. */
  string?: TextValue;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};
const TWO_CHAR_OPS = new Set([
  '==',
  '!=',
  '<=',
  '>=',
  '**',
  '//',
  '->',
  ':=',
  '+=',
  '-=',
  '*=',
  '/=',
  '|=',
  '&=',
  '%=',
  '<<',
  '>>',
  '@=',
]);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

/** The name a Python expression is reported under: `docs` for `"\n".join(d.text for d in docs[:5])`. */
export function pythonVariableName(expression: string): string {
  const trimmed = expression.trim();
  const comprehension = /\bfor\b[\s\S]+?\bin\s+([A-Za-z_][\w.]*)/.exec(trimmed);
  if (comprehension) return comprehension[1]!;
  const stringMethod = /^[rRbBuUfF]*(["'])(?:[^"'\\]|\\.)*\1\s*\.\s*\w+\s*\(([\s\S]*)\)\s*$/.exec(trimmed);
  if (stringMethod) return pythonVariableName(stringMethod[2]!);
  const call = /^([A-Za-z_][\w.]*)\s*\(([\s\S]*)\)\s*$/.exec(trimmed);
  if (call) {
    const callee = call[1]!;
    const args = call[2]!.trim();
    if (callee.includes('.') && !/^(json|str|textwrap|os|math)\./.test(callee))
      return callee.slice(0, callee.lastIndexOf('.'));
    return args ? pythonVariableName(args.split(',')[0]!) : callee;
  }
  return leadingPath(trimmed);
}

class Tokenizer {
  readonly tokens: Token[] = [];
  /** Bracket depth at the scan position: a line break inside brackets does not end the statement. */
  private depth = 0;
  private i = 0;

  constructor(
    private readonly source: string,
    private readonly fileName: string,
    private readonly notices: string[],
  ) {}

  run(): Token[] {
    const source = this.source;
    while (this.i < source.length) {
      const code = source.charCodeAt(this.i);
      const c = source[this.i]!;
      if (c === '#') {
        while (this.i < source.length && source[this.i] !== '\n' && source[this.i] !== '\r') this.i++;
      } else if (c === '\\' && (source[this.i + 1] === '\n' || source[this.i + 1] === '\r')) {
        this.i += source[this.i + 1] === '\r' && source[this.i + 2] === '\n' ? 3 : 2;
      } else if (c === '\n' || c === '\r') {
        if (this.depth === 0 && this.tokens.length > 0 && this.tokens[this.tokens.length - 1]!.type !== 'newline') {
          this.push('newline', this.i, this.i + 1);
        }
        this.i++;
      } else if (c === ' ' || c === '\t' || c === '\f') {
        this.i++;
      } else if (c === '"' || c === "'") {
        this.string(this.i, '');
      } else if (isNameStart(code)) {
        let end = this.i + 1;
        while (end < source.length && isNameChar(source.charCodeAt(end))) end++;
        const word = source.slice(this.i, end);
        if (word.length <= 2 && /^[rRbBuUfFtT]+$/.test(word) && (source[end] === '"' || source[end] === "'"))
          this.string(this.i, word.toLowerCase());
        else {
          this.push('name', this.i, end);
          this.i = end;
        }
      } else if ((code >= 48 && code <= 57) || (c === '.' && /\d/.test(source[this.i + 1] ?? ''))) {
        const match = /0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?/y;
        match.lastIndex = this.i;
        const end = match.exec(source) ? match.lastIndex : this.i + 1;
        this.push('number', this.i, end);
        this.i = end;
      } else {
        const two = source.slice(this.i, this.i + 2);
        const length = TWO_CHAR_OPS.has(two) ? 2 : 1;
        if (c in OPENERS) {
          this.push('op', this.i, this.i + 1);
          this.depth++;
        } else if (c === ')' || c === ']' || c === '}') {
          this.depth = Math.max(0, this.depth - 1);
          this.push('op', this.i, this.i + 1);
        } else this.push('op', this.i, this.i + length);
        this.i += length;
      }
    }
    return this.tokens;
  }

  private push(type: Token['type'], start: number, end: number, string?: TextValue): void {
    const token: Token = {
      type,
      value: type === 'string' ? '' : this.source.slice(start, end),
      start,
      end,
      depth: this.depth,
    };
    if (string) token.string = string;
    this.tokens.push(token);
  }

  private string(start: number, prefix: string): void {
    const quoteAt = start + prefix.length;
    const scanned = scanString(
      this.source,
      quoteAt,
      prefix.includes('f') || prefix.includes('t'),
      prefix.includes('r'),
    );
    if (scanned.unterminated) this.notices.push(`${this.fileName}: unterminated string at offset ${start}`);
    this.push('string', start, scanned.end, scanned.value);
    this.i = scanned.end;
  }
}

interface ScannedString {
  end: number;
  value: TextValue;
  unterminated: boolean;
}

/** Scans one string literal whose quote is at `quoteAt`: decodes escapes (unless raw), and in f-strings keeps each
 * replacement field verbatim in the text (`{name!r:>10}`) while `{{`/`}}` decode to single braces. */
function scanString(source: string, quoteAt: number, formatted: boolean, raw: boolean): ScannedString {
  const quote = source[quoteAt]!;
  const triple = source[quoteAt + 1] === quote && source[quoteAt + 2] === quote;
  const delimiter = triple ? quote.repeat(3) : quote;
  const contentStart = quoteAt + delimiter.length;
  let text = '';
  const variables: RawVariable[] = [];
  let i = contentStart;
  while (i < source.length) {
    const c = source[i]!;
    if (source.startsWith(delimiter, i)) {
      return {
        end: i + delimiter.length,
        value: { kind: 'text', text, start: contentStart, end: i, variables },
        unterminated: false,
      };
    }
    if (!triple && (c === '\n' || c === '\r')) break;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (raw) {
        text += c + next;
        i += 2;
        continue;
      }
      const decoded = decodeEscape(source, i);
      text += decoded.text;
      i = decoded.end;
      continue;
    }
    if (formatted && c === '{') {
      if (source[i + 1] === '{') {
        text += '{';
        i += 2;
        continue;
      }
      const field = scanField(source, i + 1);
      const fieldSource = source.slice(i, field.end);
      text += fieldSource;
      variables.push({
        name: pythonVariableName(field.expression),
        syntax: 'fstring',
        start: i,
        end: field.end,
        truncated: looksTruncated(field.expression) || undefined,
      });
      i = field.end;
      continue;
    }
    if (formatted && c === '}' && source[i + 1] === '}') {
      text += '}';
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  // A backslash as the file's last character steps past the end: clamp, so ranges stay inside the file.
  const end = Math.min(i, source.length);
  return { end, value: { kind: 'text', text, start: contentStart, end, variables }, unterminated: true };
}

function decodeEscape(source: string, at: number): { text: string; end: number } {
  const next = source[at + 1] ?? '';
  if (next === '\n') return { text: '', end: at + 2 };
  if (next === '\r') return { text: '', end: source[at + 2] === '\n' ? at + 3 : at + 2 };
  if (/[0-7]/.test(next)) {
    const digits = /^[0-7]{1,3}/.exec(source.slice(at + 1, at + 4))![0];
    return { text: String.fromCharCode(parseInt(digits, 8)), end: at + 1 + digits.length };
  }
  const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const hex = source.slice(at + 2, at + 2 + hexLength);
    if (new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
      const code = parseInt(hex, 16);
      return { text: code <= 0x10ffff ? String.fromCodePoint(code) : '', end: at + 2 + hexLength };
    }
  }
  if (next === 'N' && source[at + 2] === '{') {
    const close = source.indexOf('}', at + 3);
    if (close !== -1) return { text: source.slice(at, close + 1), end: close + 1 };
  }
  const escape = ESCAPES[next];
  return escape !== undefined ? { text: escape, end: at + 2 } : { text: '\\' + next, end: at + 2 };
}

/** An f-string replacement field starting after its `{`: the expression, and the offset just past its `}`.
 * Nested brackets, nested strings (even with the same quotes, as Python 3.12 allows) and a format spec with its
 * own `{fields}` are all skipped correctly. */
function scanField(source: string, from: number): { expression: string; end: number } {
  let depth = 0;
  let i = from;
  let expressionEnd = -1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"' || c === "'") {
      let prefixStart = i;
      while (prefixStart > from && /[rRbBuUfF]/.test(source[prefixStart - 1]!)) prefixStart--;
      const prefix = source.slice(prefixStart, i).toLowerCase();
      i = scanString(source, i, prefix.includes('f'), prefix.includes('r')).end;
      continue;
    }
    if (c in OPENERS) depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '}' && depth > 0) depth--;
    else if (c === '}' && depth === 0)
      return { expression: source.slice(from, expressionEnd === -1 ? i : expressionEnd), end: i + 1 };
    else if (depth === 0 && expressionEnd === -1) {
      if (c === '!' && source[i + 1] !== '=') expressionEnd = i;
      else if (c === ':') {
        expressionEnd = i;
        // The format spec runs to the matching `}`, its own `{width}` fields included.
        let nesting = 0;
        for (i = i + 1; i < source.length; i++) {
          if (source[i] === '{') nesting++;
          else if (source[i] === '}') {
            if (nesting === 0) return { expression: source.slice(from, expressionEnd), end: i + 1 };
            nesting--;
          }
        }
        break;
      } else if (c === '=' && !/[=!<>]/.test(source[i - 1]!) && source[i + 1] !== '=') expressionEnd = i;
    }
    i++;
  }
  return {
    expression: source.slice(from, expressionEnd === -1 ? i : expressionEnd),
    end: Math.min(i + 1, source.length),
  };
}

const MAX_NESTING = 64;
const TERMINATORS = new Set([',', ')', ']', '}', ':', '=', ';']);

/** Reads expressions from the token list into the shared value model. */
class ExpressionReader {
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private at(index: number): Token | undefined {
    return this.tokens[index];
  }

  /** The index just past a bracketed group opened at `index`. */
  closeOf(index: number): number {
    const depth = this.tokens[index]!.depth;
    for (let i = index + 1; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (
        token.type === 'op' &&
        (token.value === ')' || token.value === ']' || token.value === '}') &&
        token.depth === depth
      )
        return i + 1;
    }
    return this.tokens.length;
  }

  private isTerminator(token: Token | undefined, depth: number): boolean {
    if (!token || token.type === 'newline') return true;
    if (token.type === 'op' && TERMINATORS.has(token.value) && token.depth <= depth) return true;
    return token.type === 'name' && (token.value === 'for' || token.value === 'async') && token.depth <= depth;
  }

  /** The end index of an expression that is not modelled: up to the next terminator at this depth. */
  private skipExpression(index: number, depth: number): number {
    let i = index;
    while (i < this.tokens.length && !this.isTerminator(this.tokens[i], depth)) {
      const token = this.tokens[i]!;
      i = token.type === 'op' && token.value in OPENERS ? this.closeOf(i) : i + 1;
    }
    return i;
  }

  private ref(from: number, to: number): Value {
    const start = this.tokens[from]!.start;
    const end = this.tokens[Math.max(from, to - 1)]!.end;
    const source = this.source.slice(start, end);
    const single = to - from === 1 && this.tokens[from]!.type === 'name';
    // `self.system_prompt` reads the class attribute of that name, which is declared in the class body.
    const attribute = /^self\s*\.\s*([A-Za-z_]\w*)$/.exec(source)?.[1];
    return {
      kind: 'ref',
      name: pythonVariableName(source),
      source,
      start,
      end,
      identifier: single ? source : attribute,
    };
  }

  /** One expression starting at `index`; returns the value and the index after it. */
  expression(index: number): [Value, number] {
    const depth = this.at(index)?.depth ?? 0;
    const [first, afterFirst] = this.primary(index);
    let next = this.at(afterFirst);
    if (this.isTerminator(next, depth)) return [first, afterFirst];
    if (next?.type === 'name' && next.value === 'or') {
      // `os.environ.get("MODEL") or "gpt-4o"`: a run-time value with a fallback.
      const operands = [first];
      let i = afterFirst;
      while (this.at(i)?.type === 'name' && this.at(i)!.value === 'or') {
        const [operand, after] = this.primary(i + 1);
        operands.push(operand);
        i = after;
      }
      if (this.isTerminator(this.at(i), depth)) {
        const start = operands[0]!.start;
        const end = operands[operands.length - 1]!.end;
        return [{ kind: 'call', callee: '??', args: operands, start, end, argsStart: start, argsEnd: end }, i];
      }
    }
    if (next?.value === '+' && next.type === 'op') {
      const operands = [first];
      let i = afterFirst;
      while (this.at(i)?.type === 'op' && this.at(i)!.value === '+') {
        const [operand, after] = this.primary(i + 1);
        operands.push(operand);
        i = after;
      }
      next = this.at(i);
      if (this.isTerminator(next, depth) && operands.some((operand) => operand.kind === 'text')) {
        const start = operands[0]!.start;
        const end = operands[operands.length - 1]!.end;
        return [{ kind: 'call', callee: '+', args: operands, start, end, argsStart: start, argsEnd: end }, i];
      }
    }
    const end = this.skipExpression(afterFirst, depth);
    return [this.ref(index, end), end];
  }

  private primary(index: number): [Value, number] {
    let i = index;
    while (this.at(i)?.type === 'name' && (this.at(i)!.value === 'await' || this.at(i)!.value === 'not')) i++;
    const token = this.at(i);
    if (!token) return [{ kind: 'other', empty: true, start: this.source.length, end: this.source.length }, i];
    let value: Value;
    let after: number;
    if (token.type === 'string') {
      const pieces: TextValue[] = [];
      after = i;
      while (this.at(after)?.type === 'string') pieces.push(this.at(after++)!.string!);
      value =
        pieces.length === 1
          ? pieces[0]!
          : {
              kind: 'text',
              text: pieces.map((piece) => piece.text).join(''),
              start: pieces[0]!.start,
              end: pieces[pieces.length - 1]!.end,
              variables: pieces.flatMap((piece) => piece.variables),
            };
    } else if (token.type === 'number') {
      value = { kind: 'number', value: Number(token.value.replace(/_/g, '')), start: token.start, end: token.end };
      after = i + 1;
    } else if (token.type === 'name') {
      if (token.value === 'None' || token.value === 'False' || token.value === 'True') {
        value = { kind: 'other', empty: token.value !== 'True', start: token.start, end: token.end };
        after = i + 1;
      } else if (token.value === 'lambda') {
        after = this.skipLambda(i);
        value = { kind: 'other', empty: false, start: token.start, end: this.tokens[after - 1]!.end };
      } else {
        after = i + 1;
        while (this.at(after)?.value === '.' && this.at(after + 1)?.type === 'name') after += 2;
        value = this.ref(i, after);
      }
    } else if (token.type === 'op' && token.value in OPENERS) {
      // Past a sane nesting depth the group is kept whole as a run-time value, so recursion stays bounded.
      if (token.depth >= MAX_NESTING) {
        after = this.closeOf(i);
        value = this.ref(i, after);
      } else [value, after] = this.bracket(i);
    } else if (token.type === 'op' && (token.value === '*' || token.value === '**')) {
      const [inner, end] = this.expression(i + 1);
      return [{ kind: 'spread', value: inner, start: token.start, end: inner.end }, end];
    } else {
      return [this.ref(i, i + 1), i + 1];
    }
    return this.trailers(value, i, after);
  }

  private skipLambda(index: number): number {
    const depth = this.tokens[index]!.depth;
    let i = index + 1;
    while (i < this.tokens.length && !(this.tokens[i]!.value === ':' && this.tokens[i]!.depth === depth)) i++;
    return this.skipExpression(i + 1, depth);
  }

  /** Calls, attribute access and subscripts after a primary: `x.join(...)`, `"…".format(...)`, `f(...)[0]`. */
  private trailers(value: Value, from: number, index: number): [Value, number] {
    let current = value;
    let i = index;
    for (;;) {
      const token = this.at(i);
      if (token?.type === 'op' && token.value === '(') {
        const call = this.call(current, i);
        const keywords = call.args[0];
        // dict(role="system", content="…") is an object like {"role": …}.
        current =
          call.callee === 'dict' && call.args.length === 1 && keywords?.kind === 'object'
            ? { ...keywords, start: call.start, end: call.end }
            : call;
        i = this.closeOf(i);
      } else if (
        token?.type === 'op' &&
        token.value === '.' &&
        this.at(i + 1)?.type === 'name' &&
        this.at(i + 2)?.value === '('
      ) {
        const method = this.at(i + 1)!.value;
        const call = this.call(current, i + 2);
        current = { ...call, callee: method, method, target: current, start: current.start };
        i = this.closeOf(i + 2);
      } else if (token?.type === 'op' && (token.value === '[' || token.value === '.')) {
        const end = token.value === '[' ? this.closeOf(i) : i + 2;
        current = this.ref(from, end);
        i = end;
      } else return [current, i];
    }
  }

  private call(callee: Value, open: number): CallValue {
    const close = this.closeOf(open);
    const args: Value[] = [];
    const keywords: ObjectEntry[] = [];
    let i = open + 1;
    while (i < close - 1) {
      const token = this.tokens[i]!;
      if (token.type === 'name' && this.at(i + 1)?.value === '=' && this.at(i + 1)?.type === 'op') {
        const [value, after] = this.expression(i + 2);
        keywords.push({ key: token.value, value });
        i = after;
      } else {
        const [value, after] = this.expression(i);
        args.push(value);
        i = after === i ? i + 1 : after;
      }
      if (this.at(i)?.value === ',') i++;
      else if (i < close - 1) i = this.skipExpression(i, token.depth);
    }
    const argsStart = this.tokens[open]!.end;
    const argsEnd = this.tokens[close - 1]!.start;
    if (keywords.length > 0) args.push({ kind: 'object', entries: keywords, start: argsStart, end: argsEnd });
    const name = callee.kind === 'ref' ? callee.source.replace(/\s+/g, '') : '';
    const method = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : undefined;
    const call: CallValue = {
      kind: 'call',
      callee: name,
      args,
      start: callee.start,
      end: this.tokens[close - 1]!.end,
      argsStart,
      argsEnd,
    };
    if (method) {
      call.method = method;
      const target = name.slice(0, name.lastIndexOf('.'));
      const identifier = /^[A-Za-z_]\w*$/.test(target) ? target : undefined;
      call.target = {
        kind: 'ref',
        name: target,
        source: target,
        start: callee.start,
        end: callee.start + target.length,
        identifier,
      };
    }
    return call;
  }

  /** The call whose callee path spans tokens `from` to `open` (the `(`). */
  callAt(from: number, open: number): CallValue {
    return this.call(this.ref(from, open), open);
  }

  private bracket(open: number): [Value, number] {
    const token = this.tokens[open]!;
    const close = this.closeOf(open);
    const span = { start: token.start, end: this.tokens[close - 1]?.end ?? token.end };
    const items: Value[] = [];
    const entries: ObjectEntry[] = [];
    let comprehension = false;
    let i = open + 1;
    while (i < close - 1) {
      const [value, after] = this.expression(i);
      i = after === i ? i + 1 : after;
      const next = this.at(i);
      if (token.value === '{' && next?.value === ':' && next.depth === token.depth + 1) {
        const [entryValue, entryAfter] = this.expression(i + 1);
        if (value.kind === 'text' && value.variables.length === 0) entries.push({ key: value.text, value: entryValue });
        i = entryAfter;
      } else items.push(value);
      const separator = this.at(i);
      if (separator?.type === 'name' && separator.value === 'for') comprehension = true;
      if (separator?.value === ',') i++;
      else if (i < close - 1) i = this.skipExpression(i + 1, token.depth + 1);
    }
    if (comprehension) return [this.ref(open, close), close];
    if (token.value === '{') {
      // `{**defaults, "model": …}`: keys not listed may come from the spread.
      const spreads = items.flatMap((item) => (item.kind === 'spread' ? [item.value] : []));
      return [
        spreads.length > 0 ? { kind: 'object', entries, spreads, ...span } : { kind: 'object', entries, ...span },
        close,
      ];
    }
    // A parenthesised single expression is that expression; a tuple reads like a list.
    if (token.value === '(' && items.length === 1 && this.at(close - 2)?.value !== ',') {
      const inner = items[0]!;
      return [inner.kind === 'text' ? inner : { ...inner, start: span.start, end: span.end }, close];
    }
    return [{ kind: 'list', items, ...span }, close];
  }
}

const RETRY_DECORATOR = /^@\s*[\w.]*(retry|backoff|on_exception)/;
const RETRY_LIMIT = /stop_after|stop\s*=|max_tries|max_time|tries\s*=|attempts|stop_max/;

interface Line {
  start: number;
  end: number;
  /** The first characters of the line, enough to recognise `def`, `class` and `while`. */
  text: string;
  indent: number;
  firstToken: number;
  lastToken: number;
}

/** Logical lines (by `newline` tokens) with their indentation, for blocks and decorators. */
function logicalLines(tokens: Token[], source: string): Line[] {
  const lines: Line[] = [];
  let first = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && tokens[i]!.type !== 'newline') continue;
    if (i > first) {
      const start = tokens[first]!.start;
      let lineStart = start;
      while (lineStart > 0 && source[lineStart - 1] !== '\n' && source[lineStart - 1] !== '\r') lineStart--;
      lines.push({
        start,
        end: tokens[i - 1]!.end,
        text: source.slice(start, start + 12),
        indent: start - lineStart,
        firstToken: first,
        lastToken: i - 1,
      });
    }
    first = i + 1;
  }
  return lines;
}

/** The scope each line's assignments are visible in: its innermost enclosing `def`/`class` block, else the module. */
function scopesOf(lines: Line[]): Span[] {
  const module = { start: 0, end: Number.MAX_SAFE_INTEGER };
  const open: Array<Span & { indent: number }> = [];
  const scopes: Span[] = [];
  lines.forEach((line, index) => {
    while (open.length > 0 && open[open.length - 1]!.indent >= line.indent) open.pop()!.end = lines[index - 1]!.end;
    scopes.push(open[open.length - 1] ?? module);
    if (/^(async\s+)?def\b|^class\b/.test(line.text))
      open.push({ start: line.start, end: Number.MAX_SAFE_INTEGER, indent: line.indent });
  });
  return scopes;
}

/** A call's retry context: the nearest enclosing `while` loop, `for attempt in range(…)` loop, or a function
 * decorated with a retry decorator (tenacity, backoff) — bounded when a limit is visible. */
function retryOf(
  lines: Line[],
  lineIndex: number,
  tokens: Token[],
  source: string,
): (Span & { bounded: boolean }) | undefined {
  let indent = lines[lineIndex]!.indent;
  for (let l = lineIndex - 1; l >= 0 && indent > 0; l--) {
    const line = lines[l]!;
    if (line.indent >= indent) continue;
    indent = line.indent;
    const head = tokens[line.firstToken]!.value;
    const text = source.slice(line.start, line.end);
    const blockEnd = (): number => {
      let last = l;
      for (let k = l + 1; k < lines.length && lines[k]!.indent > line.indent; k++) last = k;
      return lines[last]!.end;
    };
    if (head === 'while') {
      const body = source.slice(line.end, blockEnd());
      const bounded =
        /[<>]=?/.test(text.replace(/->/g, '')) ||
        /\bif\b[^\n]*[<>]=?[^\n]*:\s*(?:\n\s*)?(raise|break|return)\b/.test(body);
      return { start: line.start, end: blockEnd(), bounded };
    }
    if (head === 'for' && /^for\s+(_\w*|\w*(attempt|retr|tr(y|ies))\w*)\s+in\b/i.test(text)) {
      return { start: line.start, end: blockEnd(), bounded: /\brange\s*\(/.test(text) };
    }
    if (head === 'def' || head === 'async' || head === 'class') {
      for (
        let d = l - 1;
        d >= 0 && lines[d]!.indent === line.indent && tokens[lines[d]!.firstToken]!.value === '@';
        d--
      ) {
        const decorator = source.slice(lines[d]!.start, lines[d]!.end);
        if (RETRY_DECORATOR.test(decorator))
          return { start: lines[d]!.start, end: lines[d]!.end, bounded: RETRY_LIMIT.test(decorator) };
      }
      return undefined;
    }
  }
  return undefined;
}

/** Prompts of a Python file: SDK calls, then prompt-named assignments, keyword arguments and dict entries. */
export function extractPython(
  source: string,
  fileName: string,
  notices: string[],
  unread: UnreadCallDraft[] = [],
): DraftPrompt[] {
  const mayCall = CALL_HINT.test(source);
  if (!mayCall && !BINDING_HINT.test(source)) return [];
  const tokens = new Tokenizer(source, fileName, notices).run();
  const reader = new ExpressionReader(tokens, source);
  const lines = logicalLines(tokens, source);
  const context: ValueContext = {
    source,
    constant: () => undefined,
    placeholder: (expression) => `{${expression}}`,
    syntax: 'fstring',
    used: new Set(),
  };
  const declarations = new Declarations();
  const scopes = scopesOf(lines);
  const contextAt = (position: number): ValueContext => ({
    ...context,
    constant: (name) => declarations.at(name, position),
  });

  /** `def f(prompt, model="gpt-4o", *, max_tokens: int = 500)`: defaults are what the body uses when the caller
   * passes none, visible in the function's body. */
  const declareParameters = (line: Line, lineIndex: number): void => {
    let open = line.firstToken;
    while (open <= line.lastToken && tokens[open]!.value !== '(') open++;
    if (open > line.lastToken) return;
    const close = reader.closeOf(open);
    const body = scopes[lineIndex + 1];
    if (!body || body.start !== line.start) return;
    const depth = tokens[open]!.depth + 1;
    for (let i = open + 1; i < close - 1; i++) {
      const token = tokens[i]!;
      if (
        token.depth !== depth ||
        token.type !== 'name' ||
        (tokens[i - 1]!.value !== ',' && i !== open + 1 && tokens[i - 1]!.value !== '*')
      )
        continue;
      let equals = i + 1;
      if (tokens[equals]?.value === ':')
        while (
          equals < close - 1 &&
          !(tokens[equals]!.depth === depth && (tokens[equals]!.value === '=' || tokens[equals]!.value === ','))
        )
          equals++;
      if (tokens[equals]?.value !== '=' || tokens[equals]!.type !== 'op') continue;
      const [fallback] = reader.expression(equals + 1);
      // A default is a fallback: a caller may pass another value.
      const value: Value = {
        kind: 'call',
        callee: '??',
        args: [fallback],
        start: fallback.start,
        end: fallback.end,
        argsStart: fallback.start,
        argsEnd: fallback.end,
      };
      declarations.add({
        name: token.value,
        start: token.start,
        scopeStart: body.start,
        scopeEnd: body.end,
        value: () => value,
      });
    }
  };

  interface Candidate {
    name: string;
    value: Value;
    start: number;
    /** An assignment to a plain name, whose builder appends (`prompt += …`) belong to it. */
    declared?: boolean;
  }
  const candidates: Candidate[] = [];
  lines.forEach((line, lineIndex) => {
    // `NAME [: annotation] = value` and `self.name = value`.
    let i = line.firstToken;
    if (
      tokens[i]!.type === 'name' &&
      (tokens[i]!.value === 'def' || (tokens[i]!.value === 'async' && tokens[i + 1]?.value === 'def'))
    ) {
      declareParameters(line, lineIndex);
      return;
    }
    if (tokens[i]!.type !== 'name') return;
    const listMethod = tokens[i + 1]?.value === '.' && tokens[i + 3]?.value === '(' ? tokens[i + 2]?.value : undefined;
    if (listMethod === 'append' || listMethod === 'extend') {
      // `messages.append({...})` / `messages.extend([...])`: items added to a list declared before.
      declarations.append(tokens[i]!.value, line.start, () => {
        const [item] = reader.expression(i + 4);
        return listMethod === 'append' ? { kind: 'list', items: [item], start: item.start, end: item.end } : item;
      });
      return;
    }
    while (tokens[i + 1]?.value === '.' && tokens[i + 2]?.type === 'name') i += 2;
    const target = source.slice(tokens[line.firstToken]!.start, tokens[i]!.end);
    if (tokens[i + 1]?.value === '+=' && !target.includes('.')) {
      // A builder: `prompt += …` extends the text assigned before instead of starting another prompt.
      declarations.append(target, line.start, () => reader.expression(i + 2)[0]);
      return;
    }
    let equals = i + 1;
    if (tokens[equals]?.value === ':') {
      while (equals <= line.lastToken && !(tokens[equals]!.value === '=' && tokens[equals]!.depth === 0)) equals++;
    }
    if (equals > line.lastToken || tokens[equals]!.value !== '=' || tokens[equals]!.type !== 'op') return;
    const [value] = reader.expression(equals + 1);
    const name = target.slice(target.lastIndexOf('.') + 1);
    if (
      !target.includes('.') &&
      value.kind === 'call' &&
      value.callee === '+' &&
      value.args[0]?.kind === 'ref' &&
      value.args[0].identifier === target
    ) {
      // `prompt = prompt + …`: the same builder.
      const rest: Value = { ...value, args: value.args.slice(1), start: value.args[1]!.start };
      if (declarations.append(target, line.start, () => rest)) return;
    }
    if (!target.includes('.')) {
      const scope = scopes[lineIndex]!;
      declarations.add({ name, start: line.start, scopeStart: scope.start, scopeEnd: scope.end, value: () => value });
    } else if (/^self\.\w+$/.test(target)) {
      // `self.model = "gpt-4o"` in `__init__` is read as `self.model` in every method.
      // Read where it is assigned, so `self.model = model` resolves to the parameter's default.
      let read: Value | undefined;
      declarations.add({
        name: target,
        start: line.start,
        scopeStart: 0,
        scopeEnd: Number.MAX_SAFE_INTEGER,
        value: () => (read ??= resolve(value, contextAt(line.start))),
      });
    }
    candidates.push({ name, value, start: tokens[line.firstToken]!.start, declared: !target.includes('.') });
  });
  // A class reads the attributes of its base classes in this file (`class Planner(BaseAgent)` reading `self.model`),
  // in the order the file defines them, so a chain of bases passes them on.
  const classes = new Map<string, Span>();
  lines.forEach((line, lineIndex) => {
    const header = /^class\s+([A-Za-z_]\w*)\s*(?:\(([^)]*)\))?\s*:/.exec(source.slice(line.start, line.end));
    const body = scopes[lineIndex + 1];
    if (!header || !body || body.start !== line.start) return;
    for (const base of (header[2] ?? '').split(',').map((name) => name.trim())) {
      const inherited = classes.get(base);
      if (inherited) declarations.inherit(inherited.start, body);
    }
    classes.set(header[1]!, body);
  });
  // Keyword arguments (`Agent(instructions="…")`) and dict entries (`{"system_prompt": "…"}`) named like prompts.
  for (let i = 0; i < tokens.length - 2; i++) {
    const token = tokens[i]!;
    if (token.depth === 0) continue;
    const next = tokens[i + 1]!;
    const keyword = token.type === 'name' && next.value === '=' && next.type === 'op' && tokens[i - 1]?.value !== '.';
    const key = token.type === 'string' && next.value === ':' && token.string!.variables.length === 0;
    if (!keyword && !key) continue;
    const name = keyword ? token.value : token.string!.text;
    if (!BINDING_HINT.test(name)) continue;
    candidates.push({ name, value: reader.expression(i + 2)[0], start: token.start });
  }

  const drafts: DraftPrompt[] = [];
  if (mayCall) {
    let lineIndex = 0;
    for (let i = 0; i < tokens.length; i++) {
      while (lineIndex < lines.length - 1 && lines[lineIndex]!.lastToken < i) lineIndex++;
      const token = tokens[i]!;
      // A chain that starts at a call or subscript (`get_client().chat.completions.create(…)`,
      // `ChatOpenAI(model=…).invoke(…)`) is read from its first name after the `)`/`]`.
      const chained = tokens[i - 1]?.value === '.' && (tokens[i - 2]?.value === ')' || tokens[i - 2]?.value === ']');
      if (token.type !== 'name' || (tokens[i - 1]?.value === '.' && !chained) || tokens[i - 1]?.value === 'def')
        continue;
      let end = i + 1;
      while (tokens[end]?.value === '.' && tokens[end + 1]?.type === 'name') end += 2;
      if (tokens[end]?.value !== '(') continue;
      const callee = source.slice(token.start, tokens[end - 1]!.end).replace(/\s+/g, '');
      if (!apiOf(callee)) continue;
      const call = reader.callAt(i, end);
      if (chained) call.target = chainTarget(tokens, i - 1, source);
      const draft = interpretCall(call, contextAt(token.start));
      if (!draft) continue;
      if (draft.kind === 'unread') {
        unread.push(draft);
        i = end;
        continue;
      }
      const retry = retryOf(lines, lineIndex, tokens, source);
      if (retry && draft.call) draft.call.retry = retry;
      drafts.push(draft);
      i = end;
    }
  }

  const inCall = insideAny(drafts);
  const llmFile = drafts.length > 0 || unread.length > 0 || mentionsLlm(source);
  for (const candidate of candidates) {
    if (!BINDING_HINT.test(candidate.name) || context.used.has(candidate.value.start) || inCall(candidate.start))
      continue;
    const value = (candidate.declared && declarations.built(candidate.name, candidate.start)) || candidate.value;
    const bindingContext = contextAt(candidate.start);
    if (!isTextLike(value, bindingContext)) continue;
    const text = textOf(value, bindingContext);
    if (
      !text ||
      text.text.trim() === '' ||
      !isPromptBinding(candidate.name, text.text, llmFile) ||
      asksTerminal(candidate.name, source)
    )
      continue;
    // Static text with `{name}` placeholders is a str.format or LangChain template filled later.
    const variables = text.variables.length > 0 ? text.variables : formatVariables(text, bindingContext);
    drafts.push({
      kind: 'binding',
      name: candidate.name,
      start: candidate.start,
      end: Math.max(value.end, text.end),
      parts: [{ role: roleOfName(candidate.name), text: text.text, start: text.start, end: text.end, variables }],
    });
  }
  return drafts;
}

/** The value a chained call is made on: the expression before the `.` at `dot` (`get_client()`,
 * `ChatOpenAI(model="gpt-4o")`, `llm.with_structured_output(Answer)`). */
function chainTarget(tokens: Token[], dot: number, source: string): Value | undefined {
  let j = dot - 1;
  while (j >= 0) {
    const token = tokens[j]!;
    if (token.type === 'op' && (token.value === ')' || token.value === ']')) {
      let k = j - 1;
      while (
        k >= 0 &&
        !(
          tokens[k]!.depth === token.depth &&
          tokens[k]!.type === 'op' &&
          (tokens[k]!.value === '(' || tokens[k]!.value === '[')
        )
      )
        k--;
      if (k < 0) return undefined;
      j = k - 1;
    } else if (
      token.type === 'name' &&
      !['await', 'return', 'yield', 'in', 'not', 'and', 'or', 'if', 'else', 'lambda'].includes(token.value)
    ) {
      j--;
      if (tokens[j]?.value === '.' && tokens[j]!.type === 'op') j--;
      else break;
    } else break;
  }
  const start = j + 1;
  if (start >= dot) return undefined;
  return new ExpressionReader(tokens.slice(0, dot), source).expression(start)[0];
}
