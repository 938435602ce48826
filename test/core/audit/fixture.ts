// Builds extracted prompts by hand from a source text, so each rule is tested on exactly the prompt it should
// see, independent of the extractor. Ranges are found by searching the source, as the extractor reports them.
import { auditExtracted, type AuditOptions, type FileAudit } from '../../../core';
import { LineIndex } from '../../../core/extract/positions';
import type {
  CallApi,
  ExtractedPrompt,
  PromptPart,
  PromptRole,
  TemplateVariable,
  TextRange,
} from '../../../core/extract/types';

export interface PartSpec {
  role?: PromptRole;
  /** The part's text exactly as it appears in the source (searched from `after`, default the start). */
  text: string;
  /** The decoded text when it differs from the source (escapes); the range still covers `text` in the source. */
  decoded?: string;
  fewShot?: boolean;
  /** Variables by name; each is found as `${name}`, `{name}` or `{{ name }}` inside the part. */
  variables?: { name: string; tokens?: number; unbounded?: boolean }[];
}

export interface CallSpec {
  api?: CallApi;
  /** Source text of the whole call; its arguments are what follows the first '('. */
  text: string;
  model?: string;
  maxTokens?: number;
  retry?: { bounded: boolean; text: string };
}

export interface PromptSpec {
  kind?: ExtractedPrompt['kind'];
  language?: string;
  name?: string;
  parts: PartSpec[];
  call?: CallSpec;
  model?: string;
}

export function buildPrompt(source: string, fileName: string, spec: PromptSpec, ordinal = 0): ExtractedPrompt {
  const lines = new LineIndex(source);
  const find = (text: string, from = 0): TextRange => {
    const start = source.indexOf(text, from);
    if (start < 0) throw new Error(`fixture: '${text.slice(0, 40)}' is not in the source`);
    return lines.range(start, start + text.length);
  };
  const parts: PromptPart[] = spec.parts.map((part) => {
    const range = find(part.text);
    const variables: TemplateVariable[] = (part.variables ?? []).map((variable) => {
      const pattern = new RegExp(
        `\\$\\{\\s*${variable.name}[^}]*\\}|\\{\\{\\s*${variable.name}\\s*\\}\\}|\\{${variable.name}\\}`,
      );
      const match = pattern.exec(source.slice(range.start, range.end));
      if (!match) throw new Error(`fixture: variable ${variable.name} not in part`);
      const start = range.start + match.index;
      return {
        name: variable.name,
        syntax: 'js',
        range: lines.range(start, start + match[0].length),
        estimatedTokens: variable.tokens ?? (variable.unbounded ? 8000 : 50),
        unbounded: variable.unbounded ?? false,
        sizeSource: 'default',
      };
    });
    return {
      role: part.role ?? 'user',
      text: part.decoded ?? part.text,
      range,
      variables,
      ...(part.fewShot ? { fewShot: true } : {}),
    };
  });
  const call = spec.call;
  let callSite: ExtractedPrompt['callSite'];
  if (call) {
    const range = find(call.text);
    const open = call.text.indexOf('(');
    const close = call.text.lastIndexOf(')');
    const modelAt = call.model ? source.indexOf(call.model, range.start) : -1;
    const capAt = call.maxTokens !== undefined ? source.indexOf(String(call.maxTokens), range.start) : -1;
    callSite = {
      api: call.api ?? 'openai.chat',
      range,
      model: call.model,
      modelRange: modelAt >= 0 ? lines.range(modelAt, modelAt + call.model!.length) : undefined,
      maxTokens: call.maxTokens,
      maxTokensRange: capAt >= 0 ? lines.range(capAt, capAt + String(call.maxTokens).length) : undefined,
      outputCap: call.maxTokens !== undefined ? 'literal' : 'none',
      usesTools: false,
      jsonMode: false,
      hasImages: false,
      retry: call.retry ? { bounded: call.retry.bounded, range: find(call.retry.text) } : undefined,
      argumentsRange: lines.range(range.start + open + 1, range.start + close),
    };
  }
  const first = parts[0]!.range;
  const last = parts[parts.length - 1]!.range;
  return {
    id: `${spec.kind ?? 'call'}:${spec.name ?? 'prompt'}:${ordinal}`,
    promptId: `${fileName}#${spec.name ?? 'prompt'}${ordinal > 0 ? `~${ordinal + 1}` : ''}`,
    file: fileName,
    language: spec.language ?? (fileName.endsWith('.py') ? 'python' : 'typescript'),
    kind: spec.kind ?? (call ? 'call' : 'binding'),
    name: spec.name,
    range: callSite?.range ?? lines.range(first.start, last.end),
    parts,
    callSite,
    model: spec.model ?? call?.model,
    modelSource: (spec.model ?? call?.model) ? 'literal' : 'unknown',
    maxTokens: call?.maxTokens,
  };
}

export function audit(
  source: string,
  spec: PromptSpec | PromptSpec[],
  options: AuditOptions = {},
  fileName = 'src/app.ts',
): FileAudit {
  const specs = Array.isArray(spec) ? spec : [spec];
  return auditExtracted(
    source,
    fileName,
    { prompts: specs.map((s, i) => buildPrompt(source, fileName, s, i)), unreadCalls: [], notices: [] },
    options,
  );
}

/** The findings of one rule. */
export function findingsOf(result: FileAudit, ruleId: string) {
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

/** Applies a finding's fix edits to the source (edits must not overlap). */
export function applyEdits(source: string, edits: { range: TextRange; newText: string }[]): string {
  return [...edits]
    .sort((a, b) => b.range.start - a.range.start)
    .reduce((text, edit) => text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end), source);
}
