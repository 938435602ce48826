// Parses a policy file from text. YAML and JSON both go through the `yaml` parser (JSON is YAML's flow syntax) so
// that every problem — syntax, type, unknown key, bad value — is reported with the line it is on.
import type { z } from 'zod';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { policyObjectSchema, policySchema, type Policy } from './schema';
import { editDistance } from '../editDistance';

export interface PolicyIssue {
  /** 1-based line of the offending key or value; 0 for the file as a whole (missing, ambiguous). */
  line: number;
  /** Dotted path of the field, e.g. `budgets.teams.search.amountUsd`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** An invalid policy file; `message` lists every issue as `file:line: path: message`. */
export class PolicyError extends Error {
  readonly file: string;
  readonly line: number;
  readonly path: string;
  readonly issues: PolicyIssue[];

  constructor(file: string, issues: PolicyIssue[]) {
    super(issues.map((issue) => formatIssue(file, issue)).join('\n'));
    this.name = 'PolicyError';
    this.file = file;
    this.issues = issues;
    this.line = issues[0]?.line ?? 1;
    this.path = issues[0]?.path ?? '';
  }
}

function formatIssue(file: string, issue: PolicyIssue): string {
  return `${file}${issue.line > 0 ? `:${issue.line}` : ''}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/** The policy in force when a repository has no policy file. */
export const defaultPolicy: Policy = policySchema.parse({});

/** Parses and validates a policy file's text; throws PolicyError naming file, line and field of every problem. */
export function parsePolicy(source: string, fileName: string): Policy {
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  const text = source.replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  if (doc.errors.length > 0) {
    throw new PolicyError(
      fileName,
      doc.errors.map((error) => ({ line: lineAt(error.pos[0]), path: '', message: firstLine(error.message) })),
    );
  }
  if (/\.json$/i.test(fileName)) strictJson(text, fileName, lineAt);

  const data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new PolicyError(fileName, [
      { line: 1, path: '', message: 'expected an object of settings at the top level' },
    ]);
  }

  const result = policySchema.safeParse(data, { error: genericMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => toPolicyIssues(issue, doc, lineAt));
  issues.sort((a, b) => a.line - b.line);
  throw new PolicyError(fileName, issues);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** A `.json` policy must be JSON, not merely YAML: other tools read the same file. */
function strictJson(text: string, fileName: string, lineAt: (offset: number) => number): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    throw new PolicyError(fileName, [
      { line: position ? lineAt(Number(position[1])) : 1, path: '', message: `invalid JSON: ${message}` },
    ]);
  }
}

/** Messages for issues the schema does not word itself. */
function genericMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing required field (expected ${article(issue.expected)})`
        : `expected ${article(issue.expected)}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return undefined;
  }
}

function article(expected: string): string {
  if (expected === 'record' || expected === 'object') return 'an object';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function toPolicyIssues(issue: z.core.$ZodIssue, doc: Document, lineAt: (offset: number) => number): PolicyIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const suggestion = closest(key, known);
      return {
        line: lineAt(locate(doc, path)),
        path: formatPath(path),
        message: `unknown key${suggestion ? ` (did you mean '${suggestion}'?)` : known.length ? ` (expected one of ${known.join(', ')})` : ''}`,
      };
    });
  }
  return [{ line: lineAt(locate(doc, issue.path)), path: formatPath(issue.path), message: issue.message }];
}

/** Offset of the node at `path`, or of its deepest existing ancestor (a missing field points at its parent). */
function locate(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      // A field's line is its key's line; a missing field points at its parent's key.
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

// The keys a strict object at `path` accepts, found by walking the schema, so a typo can be answered with a guess.
type SchemaNode = {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      valueType?: SchemaNode;
      element?: SchemaNode;
      innerType?: SchemaNode;
      in?: SchemaNode;
    };
  };
};

function knownKeys(path: readonly PropertyKey[]): string[] {
  let node: SchemaNode | undefined = unwrap(policyObjectSchema as unknown as SchemaNode);
  for (const segment of path) {
    const def: SchemaNode['_zod']['def'] | undefined = node?._zod.def;
    if (!def) return [];
    if (def.type === 'object') node = def.shape?.[String(segment)];
    else if (def.type === 'record') node = def.valueType;
    else if (def.type === 'array') node = def.element;
    else return [];
    node = node && unwrap(node);
  }
  const shape = node?._zod.def.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(node: SchemaNode): SchemaNode {
  let current = node;
  for (;;) {
    const def = current._zod.def;
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner) return current;
    current = inner;
  }
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
