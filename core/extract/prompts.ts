// Prompts as the front ends find them (source offsets), and their finishing into the public shape.
import { LineIndex } from './positions';
import type { CallApi, ExtractOptions, ExtractedPrompt, PromptPart, PromptRole } from './types';
import { sizeVariable, type RawVariable } from './variables';

export interface Span {
  start: number;
  end: number;
}

export interface DraftPart extends Span {
  role: PromptRole;
  text: string;
  variables: RawVariable[];
  fewShot?: boolean;
}

export interface DraftCall extends Span {
  api: CallApi;
  argsStart: number;
  argsEnd: number;
  model?: string;
  modelSpan?: Span;
  maxTokens?: number;
  maxTokensSpan?: Span;
  usesTools: boolean;
  jsonMode: boolean;
  hasImages: boolean;
  retry?: Span & { bounded: boolean };
}

export interface DraftPrompt extends Span {
  kind: ExtractedPrompt['kind'];
  name?: string;
  parts: DraftPart[];
  call?: DraftCall;
  model?: string;
  /** Where a prompt file's front matter names the model (the id alone, for a replace edit). */
  modelSpan?: Span;
  maxTokens?: number;
}

/** Cheap pre-check for names that hold prompts: `*prompt*`, `*instructions*`, `*system*`. */
export const BINDING_HINT = /prompt|instruction|system/i;

/** Whether a binding holds a prompt. A name with only `system` in it also needs text of several words, so
 * `fileSystem = 'ext4'` is not a prompt. */
export function isPromptBinding(name: string, text: string): boolean {
  if (/prompt|instruction/i.test(name)) return true;
  return /system/i.test(name) && /\S\s+\S/.test(text);
}

/** The role a prompt-named binding most likely plays. */
export function roleOfName(name: string): 'system' | 'user' | 'assistant' | 'template' {
  if (/system|instruction/i.test(name)) return 'system';
  if (/user|human/i.test(name)) return 'user';
  if (/assistant/i.test(name)) return 'assistant';
  return 'template';
}

/** Whether a position lies inside any of the spans: a binary search over their merged union. */
export function insideAny(spans: Span[]): (position: number) => boolean {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return (position) => {
    let low = 0;
    let high = merged.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = merged[mid]!;
      if (position < span.start) high = mid - 1;
      else if (position >= span.end) low = mid + 1;
      else return true;
    }
    return false;
  };
}

/** Marks static user/assistant example pairs in a message list. A trailing assistant message is a prefill of the
 * answer, not an example, so it is left alone. */
export function markFewShot(parts: DraftPart[]): void {
  for (let i = 1; i < parts.length - 1; i++) {
    const answer = parts[i]!;
    const question = parts[i - 1]!;
    if (answer.role === 'assistant' && question.role === 'user' && answer.variables.length === 0 && question.variables.length === 0) {
      answer.fewShot = true;
      question.fewShot = true;
    }
  }
}

/** Drafts → public prompts: ranges with line/character, sized variables, ids `${kind}:${name or api}:${ordinal}`
 * (the repository-wide `promptId` is set by extractPrompts once all prompts of the file are known). */
export function finishPrompts(
  drafts: DraftPrompt[],
  source: string,
  file: string,
  language: string,
  options: ExtractOptions | undefined,
): ExtractedPrompt[] {
  const lines = new LineIndex(source);
  const ordinals = new Map<string, number>();
  return [...drafts]
    .sort((a, b) => a.start - b.start)
    .map((draft) => {
      const key = `${draft.kind}:${draft.name ?? draft.call?.api ?? 'prompt'}`;
      const ordinal = ordinals.get(key) ?? 0;
      ordinals.set(key, ordinal + 1);
      const parts = draft.parts.map((part): PromptPart => {
        const finished: PromptPart = {
          role: part.role,
          text: part.text,
          range: lines.range(part.start, part.end),
          variables: part.variables.map((variable) => sizeVariable(variable, lines.range(variable.start, variable.end), options)),
        };
        if (part.fewShot) finished.fewShot = true;
        return finished;
      });
      const prompt: ExtractedPrompt = { id: `${key}:${ordinal}`, promptId: '', file, language, kind: draft.kind, range: lines.range(draft.start, draft.end), parts };
      if (draft.name !== undefined) prompt.name = draft.name;
      const call = draft.call;
      if (call) {
        prompt.callSite = {
          api: call.api,
          range: lines.range(call.start, call.end),
          usesTools: call.usesTools,
          jsonMode: call.jsonMode,
          hasImages: call.hasImages,
          argumentsRange: lines.range(call.argsStart, call.argsEnd),
        };
        if (call.model !== undefined) prompt.callSite.model = call.model;
        if (call.modelSpan) prompt.callSite.modelRange = lines.range(call.modelSpan.start, call.modelSpan.end);
        if (call.maxTokens !== undefined) prompt.callSite.maxTokens = call.maxTokens;
        if (call.maxTokensSpan) prompt.callSite.maxTokensRange = lines.range(call.maxTokensSpan.start, call.maxTokensSpan.end);
        if (call.retry) prompt.callSite.retry = { bounded: call.retry.bounded, range: lines.range(call.retry.start, call.retry.end) };
      }
      const model = draft.model ?? call?.model;
      const maxTokens = draft.maxTokens ?? call?.maxTokens;
      if (model !== undefined) prompt.model = model;
      if (draft.modelSpan) prompt.modelRange = lines.range(draft.modelSpan.start, draft.modelSpan.end);
      if (maxTokens !== undefined) prompt.maxTokens = maxTokens;
      return prompt;
    });
}
