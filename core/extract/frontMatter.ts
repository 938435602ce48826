// Front matter of prompt files. Most is a few nested `key: value` lines, which this reads directly: the YAML
// library takes about 80% of a Prompty file's extraction time. Anything beyond that subset (lists, flow
// collections, block scalars, anchors, tags, comments after values, quoted keys) goes to the YAML library, so
// results never differ — test/core/extract/frontMatter.test.ts checks the two agree on generated documents.
import { parse as parseYaml } from 'yaml';

const LINE = /^( *)([A-Za-z_][\w.-]*) *:(?: +(.*?))? *$/;
const RESERVED_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const NUMBER = /^[-+]?(?:\d+|\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const NOT_PLAIN = /^[-?:,[\]{}#&*!|>'"%@`.]|^[-+]?0[xXoO]|: | #|:$/;

/** A scalar of the YAML 1.2 core schema, or `undefined` when it needs the full parser. */
function scalar(text: string): unknown {
  if (text.startsWith('"')) {
    if (text.length < 2 || !text.endsWith('"') || /\\[^"\\/bfnrtu]/.test(text)) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  if (text.startsWith("'")) {
    const inner = text.slice(1, -1);
    return text.length >= 2 && text.endsWith("'") && !/'/.test(inner.replace(/''/g, ''))
      ? inner.replace(/''/g, "'")
      : undefined;
  }
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^(?:null|Null|NULL|~)$/.test(text)) return null;
  if (NUMBER.test(text)) return Number(text);
  return NOT_PLAIN.test(text) ? undefined : text;
}

/** Nested block mappings of plain keys and single-line scalars; `undefined` for anything else. */
export function readSimpleYaml(text: string): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  const stack: Array<{ indent: number; map: Record<string, unknown> }> = [{ indent: 0, map: root }];
  let pending: { indent: number; map: Record<string, unknown>; key: string } | undefined;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const trimmed = line.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && !line.startsWith(' '))) continue;
    const match = LINE.exec(line);
    if (!match || line.includes('\t')) return undefined;
    const indent = match[1]!.length;
    if (pending) {
      if (indent > pending.indent) {
        const child: Record<string, unknown> = {};
        pending.map[pending.key] = child;
        stack.push({ indent, map: child });
      } else pending.map[pending.key] = null;
      pending = undefined;
    }
    while (stack.length > 1 && indent < stack[stack.length - 1]!.indent) stack.pop();
    const current = stack[stack.length - 1]!;
    const key = match[2]!;
    if (indent !== current.indent || RESERVED_KEY.test(key) || Object.hasOwn(current.map, key)) return undefined;
    const raw = match[3];
    if (raw === undefined || raw === '') {
      pending = { indent, map: current.map, key };
      continue;
    }
    const value = scalar(raw);
    if (value === undefined) return undefined;
    current.map[key] = value;
  }
  if (pending) pending.map[pending.key] = null;
  return Object.keys(root).length > 0 ? root : undefined;
}

/** Front matter as data: the fast reader when it can, else the YAML library (which throws on invalid YAML). */
export function parseFrontMatter(text: string): unknown {
  return readSimpleYaml(text) ?? parseYaml(text);
}
