// A small value model that both language front ends (JavaScript via Babel, Python via the scanner) reduce
// call arguments and bindings to, so the SDK knowledge in `sdk.ts` is written once.
import type { Span } from './prompts';
import { looksTruncated, scanBraceVariables, type RawVariable } from './variables';

/** Static text, possibly with template variables kept in their source syntax. `start`/`end`: the content. */
export interface TextValue extends Span {
  kind: 'text';
  text: string;
  variables: RawVariable[];
}

export interface NumberValue extends Span {
  kind: 'number';
  value: number;
}

export interface ListValue extends Span {
  kind: 'list';
  items: Value[];
}

export interface ObjectEntry {
  key: string;
  value: Value;
}

export interface ObjectValue extends Span {
  kind: 'object';
  entries: ObjectEntry[];
  /** The spread values (`...defaults`, `**kwargs`): keys not listed may come from them. */
  spreads?: Value[];
}

export interface CallValue extends Span {
  kind: 'call';
  /** Dotted callee when it is a plain name path (`client.chat.completions.create`, `new PromptTemplate`), else the
   * method name alone (`join` of `[...].join('\n')`). `+` is a string concatenation of `args`. */
  callee: string;
  /** For a method call: the method's name and the value it is called on (`join` and `[...]`). */
  method?: string;
  target?: Value;
  /** Positional arguments; Python keyword arguments are gathered into one trailing object. */
  args: Value[];
  argsStart: number;
  argsEnd: number;
}

/** A value known only at run time: an identifier, a member path, any other expression. */
export interface RefValue extends Span {
  kind: 'ref';
  /** The name a variable is reported under (`history` for `history.slice(-10)`). */
  name: string;
  /** The expression's source, as it is interpolated into text. */
  source: string;
  /** A plain identifier that may be resolved to a same-file constant. */
  identifier?: string;
}

export interface SpreadValue extends Span {
  kind: 'spread';
  value: Value;
}

export interface OtherValue extends Span {
  kind: 'other';
  /** `null`, `undefined`, `None`, `false`: an absent option. */
  empty: boolean;
}

export type Value = TextValue | NumberValue | ListValue | ObjectValue | CallValue | RefValue | SpreadValue | OtherValue;

/** The language-specific pieces the shared interpretation needs. */
export interface ValueContext {
  source: string;
  /** The same-file constant a name refers to here, to follow `model: MODEL` or `content: SYSTEM_PROMPT`. */
  constant(name: string): Value | undefined;
  /** How a run-time value is written inside text: `${x}` in JavaScript, `{x}` in Python. */
  placeholder(source: string): string;
  syntax: 'js' | 'fstring';
  /** Start offsets of the constants' values read while interpreting, so those bindings are not reported again. */
  used: Set<number>;
}

/** A name given a value once (`const x = …`, Python `x = …`) and the scope it is visible in. */
export interface Declaration {
  name: string;
  start: number;
  scopeStart: number;
  scopeEnd: number;
  value(): Value;
  /** Text appended later by a builder (`prompt += …`, `prompt = prompt + …`), in source order. */
  appended?: Array<{ start: number; value(): Value }>;
}

/** A file's declarations by name, to find the one an identifier at some position refers to. */
export class Declarations {
  private readonly byName = new Map<string, Declaration[]>();

  add(declaration: Declaration): void {
    const list = this.byName.get(declaration.name);
    if (list) list.push(declaration);
    else this.byName.set(declaration.name, [declaration]);
  }

  /** The value of `name` visible at `position`: the declaration of the innermost scope around it, and within that
   * scope the last one before it (else the first after it: a module constant defined below a function). A builder's
   * appends before `position` are joined to it, so `prompt += …` lines make one text. */
  at(name: string, position: number): Value | undefined {
    const best = this.declarationAt(name, position);
    return best && joined(best, position);
  }

  /**
   * Makes the declarations of the scope starting at `from` (a base class's attributes) visible in `to` too (a class
   * deriving from it). Each is placed at the end of `to`, so a declaration of `to`'s own, before or after the place
   * that reads it, is closer.
   */
  inherit(from: number, to: { start: number; end: number }): void {
    for (const list of this.byName.values())
      for (const declaration of list.filter((candidate) => candidate.scopeStart === from))
        list.push({ ...declaration, start: to.end, scopeStart: to.start, scopeEnd: to.end });
  }

  /** The whole text a builder declared at `start` ends up with: its value and every append (undefined if none). */
  built(name: string, start: number): Value | undefined {
    const declaration = this.byName.get(name)?.find((candidate) => candidate.start === start);
    return declaration?.appended ? joined(declaration, Number.MAX_SAFE_INTEGER) : undefined;
  }

  /** Records `name += value` (or `name = name + value`) at `start` on the declaration it extends; false when none. */
  append(name: string, start: number, value: () => Value): boolean {
    const declaration = this.declarationAt(name, start);
    if (!declaration) return false;
    (declaration.appended ??= []).push({ start, value });
    return true;
  }

  private declarationAt(name: string, position: number): Declaration | undefined {
    let best: Declaration | undefined;
    for (const declaration of this.byName.get(name) ?? []) {
      if (declaration.scopeStart > position || position >= declaration.scopeEnd) continue;
      if (!best || isCloser(declaration, best, position)) best = declaration;
    }
    return best;
  }
}

/** A declaration's value with the builder appends made before `position`, as one concatenation. */
function joined(declaration: Declaration, position: number): Value {
  const value = declaration.value();
  const appended = (declaration.appended ?? []).filter((piece) => piece.start < position);
  if (appended.length === 0) return value;
  if (value.kind === 'list') {
    // A message list built by appends (`messages.append({...})`, `messages.push(...)`, `messages += [...]`).
    const items = [
      ...value.items,
      ...appended.flatMap((piece) => {
        const item = piece.value();
        return item.kind === 'list' ? item.items : [item];
      }),
    ];
    return { ...value, items, end: Math.max(value.end, ...items.map((item) => item.end)) };
  }
  const args = [value, ...appended.map((piece) => piece.value())];
  return {
    kind: 'call',
    callee: '+',
    args,
    start: value.start,
    end: Math.max(...args.map((arg) => arg.end)),
    argsStart: value.start,
    argsEnd: value.end,
  };
}

function isCloser(candidate: Declaration, current: Declaration, position: number): boolean {
  if (candidate.scopeStart !== current.scopeStart) return candidate.scopeStart > current.scopeStart;
  const candidateBefore = candidate.start <= position;
  const currentBefore = current.start <= position;
  if (candidateBefore !== currentBefore) return candidateBefore;
  return candidateBefore ? candidate.start > current.start : candidate.start < current.start;
}

/** `a.b.c`, `CONFIG["model"]`, `this.settings.model`: a root name and the keys read from it. */
const MEMBER_PATH = /^([A-Za-z_$][\w$]*)((?:\s*(?:\??\.\s*[A-Za-z_$][\w$]*|\[\s*(["'])[^"'\]]*\3\s*\]))+)$/;

/** A member path's value: the longest prefix declared as a name (`this.model`, `self.model` are declared whole),
 * then the keys read from the object literals it leads to. */
function memberValue(source: string, context: ValueContext): Value | undefined {
  const match = MEMBER_PATH.exec(source.trim());
  if (!match) return undefined;
  const keys = [...match[2]!.matchAll(/\.\s*([A-Za-z_$][\w$]*)|\[\s*["']([^"']*)["']\s*\]/g)].map(
    (key) => key[1] ?? key[2]!,
  );
  for (let split = keys.length; split >= 0; split--) {
    const name = [match[1]!, ...keys.slice(0, split)].join('.');
    let current = context.constant(name);
    if (!current) continue;
    context.used.add(current.start);
    for (const key of keys.slice(split)) {
      const object = resolve(current, context);
      const next = object.kind === 'object' ? entry(object, key) : undefined;
      if (!next) return undefined;
      current = next;
    }
    return current;
  }
  return undefined;
}

/** Follows identifiers and member paths to same-file constants (a few hops, so cycles end). */
export function resolve(value: Value, context: ValueContext): Value {
  let current = value;
  for (let hops = 0; hops < 8 && current.kind === 'ref'; hops++) {
    // A member path is looked up whole first (`self.model` set in `__init__`), then as the name it reads (a class
    // attribute `model = …` read through `self.model`).
    const dotted = current.source.includes('.') || current.source.includes('[');
    const next = dotted
      ? (memberValue(current.source, context) ??
        (current.identifier !== undefined ? context.constant(current.identifier) : undefined))
      : current.identifier !== undefined
        ? context.constant(current.identifier)
        : undefined;
    if (!next) break;
    context.used.add(next.start);
    current = next;
  }
  return current;
}

/** Whether a value is a fallback chain: `a ?? b`, `a || b`, Python `a or b`, `os.getenv(k, default)`,
 * `os.environ.get(k, default)`, `config.get(k, default)`. Returns the fallback (the value used when the run-time
 * side is unset). */
export function fallbackOf(value: Value): Value | undefined {
  if (value.kind !== 'call') return undefined;
  if (value.callee === '??') return value.args[value.args.length - 1];
  if (/(?:^|\.)(?:getenv|get)$/.test(value.callee) && value.args.length >= 2) {
    const last = value.args[value.args.length - 1]!;
    return last.kind === 'object' ? entry(last, 'default') : last;
  }
  return undefined;
}

function refVariable(value: RefValue, context: ValueContext): RawVariable {
  return {
    name: value.name,
    syntax: context.syntax,
    start: value.start,
    end: value.end,
    truncated: looksTruncated(value.source) || undefined,
  };
}

/** A run-time value as text: its placeholder, and the variable it stands for. */
export function dynamicText(value: Value, context: ValueContext): TextValue {
  const source = value.kind === 'ref' ? value.source : context.source.slice(value.start, value.end);
  const ref: RefValue =
    value.kind === 'ref' ? value : { kind: 'ref', name: source, source, start: value.start, end: value.end };
  return {
    kind: 'text',
    text: context.placeholder(source),
    start: value.start,
    end: value.end,
    variables: [refVariable(ref, context)],
  };
}

function joinTexts(pieces: TextValue[], separator: string): TextValue {
  return {
    kind: 'text',
    text: pieces.map((piece) => piece.text).join(separator),
    start: Math.min(...pieces.map((piece) => piece.start)),
    end: Math.max(...pieces.map((piece) => piece.end)),
    variables: pieces.flatMap((piece) => piece.variables),
  };
}

const TRIM_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'strip', 'lstrip', 'rstrip']);

/** `{name}` placeholders of a static str.format template, at exact offsets when the text is verbatim. */
export function formatVariables(text: TextValue, context: ValueContext): RawVariable[] {
  const verbatim = context.source.slice(text.start, text.end) === text.text;
  return scanBraceVariables(text.text, 'format', verbatim ? text.start : undefined, text);
}

/** `.trim()`/`.strip()`: the text sent is trimmed; the range shrinks with it when the text is verbatim. */
function trimmed(value: TextValue, method: string, context: ValueContext): TextValue {
  const atStart = method !== 'trimEnd' && method !== 'rstrip';
  const atEnd = method !== 'trimStart' && method !== 'lstrip';
  const lead = atStart ? value.text.length - value.text.trimStart().length : 0;
  const trail = atEnd ? value.text.length - value.text.trimEnd().length : 0;
  if (lead + trail === 0 || lead === value.text.length) return value;
  const text = value.text.slice(lead, value.text.length - trail);
  const verbatim = context.source.slice(value.start, value.end) === value.text;
  return verbatim ? { ...value, text, start: value.start + lead, end: value.end - trail } : { ...value, text };
}

/** Python's textwrap.dedent (and JavaScript's dedent tags): the common leading whitespace of non-blank lines removed. */
export function dedented(value: TextValue): TextValue {
  const lines = value.text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  if (common === 0) return value;
  return {
    ...value,
    text: lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)![0].length))).join('\n'),
  };
}

/** Whether a binding's value is text written in the code: a literal, a concatenation with one, or `join`, `format`,
 * a trim or dedent applied to text. Anything else (a function's result, a variable) is not a prompt of its own. */
export function isTextLike(value: Value, context: ValueContext): boolean {
  if (value.kind === 'text') return true;
  if (value.kind !== 'call') return false;
  if (value.callee === '+') return value.args.some((arg) => arg.kind === 'text');
  if (/(?:^|\.)dedent$/.test(value.callee)) return value.args[0] !== undefined && isTextLike(value.args[0], context);
  const method = value.method;
  if (!method || !value.target || !(method === 'join' || method === 'format' || TRIM_METHODS.has(method))) return false;
  const target = resolve(value.target, context);
  return target.kind === 'text' || target.kind === 'list' || isTextLike(target, context);
}

/**
 * A value as prompt text, or undefined when it is not text-like (an object, a number…). Concatenations arrive
 * here as `+` calls; `.join(sep)` of a literal list and Python `sep.join([...])` join their items; any other
 * run-time value becomes a placeholder with a variable.
 */
export function textOf(value: Value, context: ValueContext): TextValue | undefined {
  const resolved = resolve(value, context);
  switch (resolved.kind) {
    case 'text':
      return resolved;
    case 'ref':
      return dynamicText(resolved, context);
    case 'call': {
      if (resolved.callee === '??') {
        // A text with a fallback (`options.system ?? DEFAULT_SYSTEM`, a parameter's default): the fallback is what
        // static reading can know.
        const last = resolved.args[resolved.args.length - 1];
        const fallback = last && resolve(last, context);
        const text = fallback && fallback.kind !== 'ref' ? textOf(fallback, context) : undefined;
        if (text) return text;
      }
      if (resolved.callee === '+') {
        const pieces = resolved.args.map((arg) => textOf(arg, context) ?? dynamicText(arg, context));
        return pieces.length > 0 ? joinTexts(pieces, '') : undefined;
      }
      if (resolved.method === 'join' && resolved.target) {
        const target = resolve(resolved.target, context);
        const [firstArg] = resolved.args;
        // JavaScript `[a, b].join(sep)`, or Python `sep.join([a, b])`.
        const list = target.kind === 'list' ? target : firstArg && resolve(firstArg, context);
        const separatorValue = target.kind === 'list' ? firstArg : target;
        const separator = separatorValue ? textOf(separatorValue, context) : undefined;
        if (
          list?.kind === 'list' &&
          list.items.length > 0 &&
          (separatorValue === undefined || separator?.variables.length === 0)
        ) {
          const pieces = list.items.map((item) => textOf(item, context) ?? dynamicText(item, context));
          const joined = joinTexts(pieces, separator ? separator.text : ',');
          return { ...joined, start: list.start, end: list.end };
        }
      }
      if (resolved.method && TRIM_METHODS.has(resolved.method) && resolved.target) {
        const inner = textOf(resolved.target, context);
        if (inner) return trimmed(inner, resolved.method, context);
      }
      if (/(?:^|\.)dedent$/.test(resolved.callee) && resolved.args[0]) {
        const inner = textOf(resolved.args[0], context);
        if (inner) return dedented(inner);
      }
      if (resolved.method === 'format' && resolved.target && context.syntax === 'fstring') {
        const inner = staticText(resolved.target, context);
        if (inner) return { ...inner, variables: formatVariables(inner, context) };
      }
      return dynamicText(resolved, context);
    }
    case 'spread':
      return dynamicText(resolved.value, context);
    default:
      return undefined;
  }
}

export function entry(object: ObjectValue, ...keys: string[]): Value | undefined {
  for (const key of keys) {
    const found = object.entries.find((candidate) => candidate.key === key);
    if (found) return found.value;
  }
  return undefined;
}

/** Static text of a value (a model id, a role) or undefined when it has variables or is not text. */
export function staticText(value: Value | undefined, context: ValueContext): TextValue | undefined {
  if (!value) return undefined;
  const resolved = resolve(value, context);
  return resolved.kind === 'text' && resolved.variables.length === 0 ? resolved : undefined;
}
