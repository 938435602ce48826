// Template variables: finding them in template text, and how many tokens each is assumed to add to a call.
import type { ExtractOptions, TemplateVariable, TextRange, VariableSyntax } from './types';

/** Tokens assumed for a variable with no sample and no cap in the policy: about a sentence. */
export const DEFAULT_VARIABLE_TOKENS = 50;
/** Worst case assumed for a variable that grows without bound (chat history, retrieved documents) and no cap:
 * a long conversation or a stuffed retrieval context. */
export const UNBOUNDED_VARIABLE_TOKENS = 8000;

/** Last words of names that usually hold collections growing with use. */
export const UNBOUNDED_VARIABLE_WORDS: ReadonlySet<string> = new Set([
  'history',
  'messages',
  'conversation',
  'conversations',
  'transcript',
  'transcripts',
  'thread',
  'dialogue',
  'dialog',
  'memory',
  'memories',
  'turns',
  'documents',
  'docs',
  'context',
  'contexts',
  'chunks',
  'passages',
  'results',
  'hits',
  'sources',
  'emails',
  'logs',
  'records',
  'rows',
  'pages',
  'files',
  'attachments',
]);

/** A variable as found, before sizing: source offsets of the whole placeholder (`${x}`, `{x}`, `{{ x }}`). */
export interface RawVariable {
  name: string;
  syntax: VariableSyntax;
  start: number;
  end: number;
  inLoop?: boolean;
  /** The expression visibly cuts the value down (`.slice(-10)`, `[:5]`, `| truncate`). */
  truncated?: boolean;
}

const TRUNCATION =
  /\.slice\(|\.substring\(|\.substr\(|truncat|\.take\(|limit|\[\s*-?\d*\s*:\s*-?\d*\s*\]|\|\s*(first|last|slice)\b/i;

/** Whether an expression's source shows it is truncated before it reaches the prompt. */
export function looksTruncated(expression: string): boolean {
  return TRUNCATION.test(expression);
}

function lastWord(name: string): string {
  const segment = name.slice(name.lastIndexOf('.') + 1);
  const words = segment
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words[words.length - 1] ?? '';
}

/** Whether a variable name reads like a collection that grows with use (`history`, `chatHistory`, `search_results`). */
export function isUnboundedName(name: string): boolean {
  return UNBOUNDED_VARIABLE_WORDS.has(lastWord(name));
}

function policyHint(name: string, options: ExtractOptions | undefined) {
  const sizes = options?.variableSizes;
  if (!sizes) return undefined;
  const root = name.split('.')[0]!;
  const last = name.slice(name.lastIndexOf('.') + 1);
  const key = [name, last, root].find((candidate) => Object.hasOwn(sizes, candidate));
  return key === undefined ? undefined : sizes[key];
}

/**
 * The size of a template variable, in this order:
 * 1. the policy's `maxTokens` for the name (also matched by its last or first dotted segment): a cap, so the
 *    variable is bounded;
 * 2. the policy's sample value: ceil(characters / 4), the usual English average, since extraction has no model
 *    to count with (core's estimatePrompt counts the sample itself with the prompt's model);
 * 3. UNBOUNDED_VARIABLE_TOKENS for an unbounded name with no visible truncation, else the default
 *    (`options.defaultVariableTokens`, DEFAULT_VARIABLE_TOKENS when unset).
 */
export function variableSize(
  name: string,
  truncated: boolean,
  options?: ExtractOptions,
): Pick<TemplateVariable, 'estimatedTokens' | 'unbounded' | 'sizeSource' | 'sample'> {
  const unboundedName = !truncated && isUnboundedName(name);
  const hint = policyHint(name, options);
  if (hint?.maxTokens !== undefined) return { estimatedTokens: hint.maxTokens, unbounded: false, sizeSource: 'policy' };
  if (hint?.sample !== undefined) {
    return {
      estimatedTokens: Math.ceil(hint.sample.length / 4),
      unbounded: unboundedName,
      sizeSource: 'sample',
      sample: hint.sample,
    };
  }
  if (unboundedName) return { estimatedTokens: UNBOUNDED_VARIABLE_TOKENS, unbounded: true, sizeSource: 'default' };
  return {
    estimatedTokens: options?.defaultVariableTokens ?? DEFAULT_VARIABLE_TOKENS,
    unbounded: false,
    sizeSource: 'default',
  };
}

export function sizeVariable(raw: RawVariable, range: TextRange, options?: ExtractOptions): TemplateVariable {
  const variable: TemplateVariable = {
    name: raw.name,
    syntax: raw.syntax,
    range,
    ...variableSize(raw.name, raw.truncated ?? false, options),
  };
  if (raw.inLoop) variable.inLoop = true;
  return variable;
}

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*/;

/** The leading identifier path of an expression (`user.name` of `user.name | upper`), or the trimmed text. */
export function leadingPath(expression: string): string {
  const trimmed = expression.trim();
  return IDENTIFIER_PATH.exec(trimmed)?.[0] ?? trimmed;
}

/**
 * `{name}` placeholders of str.format, f-string-free LangChain templates and similar: `{{`/`}}` are escapes,
 * `{name!r:>10}` carries a conversion and format spec. `offset` maps text positions to source positions when the
 * text is verbatim in the source (else every variable gets `fallback`).
 */
export function scanBraceVariables(
  text: string,
  syntax: 'format' | 'langchain',
  offset: number | undefined,
  fallback: { start: number; end: number },
): RawVariable[] {
  const found: RawVariable[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') {
      i++;
      continue;
    }
    if (c !== '{') continue;
    if (text[i + 1] === '{') {
      i++;
      continue;
    }
    const close = text.indexOf('}', i + 1);
    if (close === -1) break;
    const inner = text.slice(i + 1, close);
    const match = /^\s*([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\[[^\]]*\])*)\s*(?:![rsa])?\s*(?::[^{}]*)?$/.exec(inner);
    if (match) {
      const name = match[1]!;
      const at = offset === undefined ? fallback : { start: offset + i, end: offset + close + 1 };
      found.push({ name: leadingPath(name), syntax, ...at, truncated: looksTruncated(name) });
    }
    i = close;
  }
  return found;
}

/** The placeholder tags of a mustache/handlebars/jinja/liquid template, in order, with their kind. */
interface Tag {
  kind: 'output' | 'statement' | 'comment';
  body: string;
  start: number;
  end: number;
}

function scanTags(text: string, curly: boolean): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open === -1 || open + 1 >= text.length) break;
    const next = text[open + 1];
    let close: string | undefined;
    let kind: Tag['kind'] = 'output';
    if (next === '{') {
      if (curly && text[open + 2] === '{') close = '}}}';
      else close = '}}';
    } else if (!curly && next === '%') {
      close = '%}';
      kind = 'statement';
    } else if (!curly && next === '#') {
      close = '#}';
      kind = 'comment';
    }
    if (!close) {
      i = open + 1;
      continue;
    }
    const openLength = close.length;
    const end = text.indexOf(close, open + openLength);
    if (end === -1) break;
    let body = text.slice(open + openLength, end);
    if (!curly) body = body.replace(/^[-+~]/, '').replace(/[-+~]$/, '');
    else if (body.startsWith('~')) body = body.slice(1).replace(/~$/, '');
    if (curly && body.startsWith('!')) kind = 'comment';
    tags.push({ kind, body: body.trim(), start: open, end: end + close.length });
    i = end + close.length;
  }
  return tags;
}

const MUSTACHE_BLOCKS = new Set(['#each', '#with', '#if', '#unless', '#for']);

/**
 * Variables of a mustache/handlebars template. `{{#each items}}` and mustache sections `{{#items}}` are loops: the
 * collection is reported (inLoop), and names inside the block are not, since they refer to each item.
 */
export function scanMustacheVariables(text: string, offset: number): RawVariable[] {
  const found: RawVariable[] = [];
  let loopDepth = 0;
  const blocks: boolean[] = [];
  for (const tag of scanTags(text, true)) {
    if (tag.kind === 'comment') continue;
    const body = tag.body;
    const at = { start: offset + tag.start, end: offset + tag.end };
    if (body.startsWith('/')) {
      if (blocks.pop()) loopDepth--;
      continue;
    }
    if (
      body.startsWith('>') ||
      body === 'else' ||
      body.startsWith('else ') ||
      (body.startsWith('^') && body.length === 1)
    ) {
      continue;
    }
    // `{{& name}}` is mustache's unescaped output, like `{{{name}}}`.
    const words = body.replace(/^&\s*/, '').split(/\s+/);
    const head = words[0]!;
    if (head.startsWith('#') || head.startsWith('^')) {
      const isLoop = head === '#each' || (head.startsWith('#') && !MUSTACHE_BLOCKS.has(head));
      const subject = MUSTACHE_BLOCKS.has(head) ? words[1] : head.slice(1);
      if (subject && loopDepth === 0 && /^[A-Za-z_@]/.test(subject)) {
        found.push({ name: leadingPath(subject), syntax: 'mustache', ...at, inLoop: isLoop || undefined });
      }
      blocks.push(isLoop);
      if (isLoop) loopDepth++;
      continue;
    }
    if (body.startsWith('^')) {
      blocks.push(false);
      continue;
    }
    if (loopDepth > 0) continue;
    // A helper call (`{{upper name}}`, `{{role "system"}}`) names its arguments; a bare tag names itself.
    const names = (words.length > 1 ? words.slice(1) : words).filter((word) => /^[A-Za-z_][\w.]*$/.test(word));
    for (const name of names) found.push({ name, syntax: 'mustache', ...at });
  }
  return found;
}

const JINJA_KEYWORDS = new Set([
  'not',
  'and',
  'or',
  'in',
  'is',
  'if',
  'else',
  'true',
  'false',
  'none',
  'loop',
  'forloop',
]);

function expressionNames(expression: string): string[] {
  const withoutStrings = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const beforeFilters = withoutStrings.split('|')[0]!;
  const names: string[] = [];
  for (const match of beforeFilters.matchAll(/(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g)) {
    if (!JINJA_KEYWORDS.has(match[0].toLowerCase()) && !names.includes(match[0])) names.push(match[0]);
  }
  return names;
}

/**
 * Variables of a jinja or liquid template. `{% for x in items %}` reports `items` (inLoop, truncated when sliced or
 * limited); names bound by the loop or by `{% set %}`/`{% assign %}` are not variables; other names used inside a
 * loop are marked inLoop since they repeat with every item. Conditions (`{% if %}`) add no text, so are not variables.
 */
export function scanJinjaVariables(text: string, offset: number, syntax: 'jinja' | 'liquid'): RawVariable[] {
  const found: RawVariable[] = [];
  const bound = new Set<string>();
  const loops: string[][] = [];
  let rawUntil = -1;
  for (const tag of scanTags(text, false)) {
    if (tag.start < rawUntil || tag.kind === 'comment') continue;
    const at = { start: offset + tag.start, end: offset + tag.end };
    const inLoop = loops.length > 0 || undefined;
    if (tag.kind === 'statement') {
      const [keyword = '', ...rest] = tag.body.split(/\s+/);
      const argument = rest.join(' ');
      if (keyword === 'raw') {
        const close = text.slice(tag.end).search(/\{%-?\s*endraw\s*-?%\}/);
        rawUntil = close === -1 ? text.length : tag.end + close;
      } else if (keyword === 'for') {
        const match = /^(.+?)\s+in\s+(.+)$/.exec(argument);
        if (match) {
          const loopNames = match[1]!.split(',').map((name) => name.trim());
          const collection = match[2]!.replace(/\s+(recursive|reversed|limit|offset|cols|if)\b.*$/, '');
          for (const name of expressionNames(collection)) {
            if (!bound.has(name.split('.')[0]!)) {
              found.push({ name, syntax, ...at, inLoop: true, truncated: looksTruncated(match[2]!) });
            }
          }
          loopNames.forEach((name) => bound.add(name));
          loops.push(loopNames);
        }
      } else if (keyword === 'endfor') {
        loops.pop()?.forEach((name) => bound.delete(name));
      } else if (keyword === 'set' || keyword === 'assign' || keyword === 'capture') {
        const name = /^[A-Za-z_]\w*/.exec(argument)?.[0];
        if (name) bound.add(name);
        const value = argument.split('=').slice(1).join('=');
        for (const used of expressionNames(value))
          if (!bound.has(used.split('.')[0]!)) found.push({ name: used, syntax, ...at, inLoop });
      }
      continue;
    }
    for (const used of expressionNames(tag.body)) {
      if (bound.has(used.split('.')[0]!)) continue;
      found.push({ name: used, syntax, ...at, inLoop, truncated: looksTruncated(tag.body) || undefined });
    }
  }
  return found;
}
