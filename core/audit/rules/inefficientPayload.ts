// Payloads that tokenize badly: base64 (≈ 1 token per 1.3 characters, and the model cannot read it as the image
// or file it encodes) and pretty-printed JSON, whose indentation and line breaks are billed as tokens.
import type { FindingDraft, Rule, RuleContext, PartView } from '../types';

/** A base64 run shorter than this is more likely an id or hash than an embedded payload. */
const minimumBase64Length = 120;
/** Compacting JSON is reported when it saves at least this many tokens per call. */
const minimumJsonSaving = 10;

export const inefficientPayload: Rule = {
  id: 'inefficient-payload',
  defaultSeverity: 'warning',
  summary: 'Base64 blobs or pretty-printed JSON inside the prompt text',
  waste: true,
  check(context) {
    return context.parts.flatMap((view) => [...base64Blobs(context, view), ...prettyJson(context, view)]);
  },
};

function base64Blobs(context: RuleContext, view: PartView): FindingDraft[] {
  const pattern = new RegExp(`(?:data:[\\w/+.-]+;base64,)?[A-Za-z0-9+/]{${minimumBase64Length},}={0,2}`, 'g');
  const findings: FindingDraft[] = [];
  for (const match of view.part.text.matchAll(pattern)) {
    const blob = match[0];
    // Real base64 mixes cases and digits; a long run of letters alone is a word-like identifier.
    if (!/[0-9]/.test(blob) || !/[a-z]/.test(blob) || !/[A-Z]/.test(blob)) continue;
    const tokens = context.count(blob);
    findings.push({
      message:
        `A ${blob.length.toLocaleString('en-US')}-character base64 payload costs ${tokens.toLocaleString('en-US')} tokens per call and the model cannot read it as text. ` +
        'Send images and files as attachments (image/file content parts) or a URL instead.',
      range: context.partRange(view, match.index, match.index + blob.length),
      tokens,
      costPerMonth: context.monthlyCostOf(tokens),
    });
  }
  return findings;
}

function prettyJson(context: RuleContext, view: PartView): FindingDraft[] {
  const text = view.part.text;
  const findings: FindingDraft[] = [];
  const opener = /[{[][ \t]*\r?\n/g;
  for (let match = opener.exec(text); match; match = opener.exec(text)) {
    const end = matchingBracket(text, match.index);
    if (end === undefined) continue;
    const raw = text.slice(match.index, end + 1);
    let compact: string;
    try {
      compact = JSON.stringify(JSON.parse(raw));
    } catch {
      continue;
    }
    opener.lastIndex = end + 1;
    const saved = context.count(raw) - context.count(compact);
    if (saved < minimumJsonSaving) continue;
    // A backslash or backtick would change meaning inside a string literal, so those are left to the author.
    const edit = /[\\`]|\$\{/.test(compact) ? undefined : context.partEdit(view, match.index, end + 1, compact);
    findings.push({
      message: `Pretty-printed JSON: compact it to save ${saved} tokens per call; models read compact JSON just as well.`,
      range: context.partRange(view, match.index, end + 1),
      tokens: saved,
      costPerMonth: context.monthlyCostOf(saved),
      fix: edit ? { description: 'Compact the JSON', edits: [edit] } : undefined,
    });
  }
  return findings;
}

/** The offset of the bracket closing the one at `start`, skipping JSON strings. */
function matchingBracket(text: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return undefined;
}
