// Prompts as the front ends find them (source offsets), and their finishing into the public shape.
import { LineIndex } from './positions';
import type {
  CallApi,
  ExtractOptions,
  ExtractedPrompt,
  ModelResolution,
  OutputCap,
  PromptPart,
  PromptRole,
  UnreadCall,
} from './types';
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
  modelSource?: ModelResolution;
  modelSpan?: Span;
  maxTokens?: number;
  maxTokensSpan?: Span;
  outputCap: OutputCap;
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

/** Words of a name that say it holds something about a prompt, not the prompt: `PROMPT_TOKEN_COUNT`,
 * `promptPlaceholder`, `system_prompt_path`, `"promptflow.connection.module"`. */
const NOT_PROMPT_WORDS = new Set([
  'label',
  'placeholder',
  'title',
  'tooltip',
  'hint',
  'button',
  'btn',
  'error',
  'errors',
  'count',
  'key',
  'keys',
  'id',
  'ids',
  'path',
  'paths',
  'file',
  'files',
  'filename',
  'dir',
  'folder',
  'url',
  'uri',
  'name',
  'names',
  'type',
  'types',
  'mode',
  'tokens',
  'length',
  'len',
  'size',
  'version',
  'enabled',
  'enable',
  'flag',
  'module',
  'class',
  'color',
  'icon',
  'style',
  'width',
  'height',
  'index',
  'idx',
  'limit',
  'max',
  'min',
  'timeout',
  'cache',
  'field',
  'column',
  'table',
  'env',
  'var',
  'regex',
  'pattern',
  'status',
  'state',
  'event',
  'action',
  'route',
  'endpoint',
  'selector',
  'locale',
  'connection',
  'loader',
  'dropdown',
  'input',
  'visible',
  'open',
  'shown',
  'ref',
  'cost',
  'price',
  'hash',
  'date',
  'log',
  'empty',
  'description',
  'desc',
  'subtitle',
  'caption',
  'heading',
  'tip',
  'toggle',
  'theme',
  'ms',
  'seconds',
]);

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words of prose in a text, its placeholders left out: runs of letters with at most light punctuation, so
 * `%(asctime)s`, `__computed__` or `promptflow.connections` are not words. */
function proseWords(text: string): number {
  return text
    .replace(/\$\{[^}]*\}|\{[^{}]*\}/g, ' ')
    .split(/\s+/)
    .filter((word) => /^[("'“‘]?\p{L}[\p{L}'’-]*[)"'”’.,;:!?]*$/u.test(word) && /\p{L}{2,}/u.test(word)).length;
}

/** Whether the file hands `name` to a terminal prompt (`input(prompt)`, `rl.question(prompt, …)`,
 * `click.prompt(text)`): then it asks a person, not a model. */
export function asksTerminal(name: string, source: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(
    `\\b(?:input|raw_input|getpass|question|prompt|confirm|readline|setPrompt)\\s*\\(\\s*(?:prompt\\s*=\\s*)?${escaped}\\b`,
  ).test(source);
}

/** Whether a file shows it talks to a language model: an SDK import or name, a model family, an `llm`. */
const LLM_MENTION =
  /openai|anthropic|langchain|llama_?index|litellm|genai|generativeai|gemini|ollama|mistralai|cohere|groq|@ai-sdk|\bllm|llm\b|gpt-|claude|chat_?model|chatModel|bedrock|vertexai|dspy|instructor|transformers/i;

export function mentionsLlm(source: string): boolean {
  return LLM_MENTION.test(source);
}

/**
 * Whether a binding that reaches no call in its file still holds a prompt. Its name must have a prompt word as a
 * word (`systemPrompt`, `USER_PROMPT`, `instructions`, `system` with prose; not `promptflow`) and, after it, no word
 * that makes it something about a prompt (`PROMPT_TOKEN_COUNT`, `promptPlaceholder`; `titlePrompt` is a prompt); its text must read as prose: two words or more in a file
 * that talks to a model, six or more elsewhere (a prompts module of constants, against a CLI's `"Enter a name: "`).
 */
export function isPromptBinding(name: string, text: string, llmFile = true, ofAnotherObject = false): boolean {
  const words = nameWords(name);
  let head = words.length - 1;
  while (head >= 0 && !/prompts?$|^instructions?$|^system$/.test(words[head]!)) head--;
  if (head < 0) return false;
  // The words after the prompt word qualify it (`PROMPT_TOKEN_COUNT`, `promptTitle`); those before say what the
  // prompt is for (`titlePrompt`, `errorPrompt`).
  if (words.slice(head + 1).some((word) => NOT_PROMPT_WORDS.has(word))) return false;
  // Away from any model, a bare `prompt` that asks a person for something is a dialog's text (`el.prompt = "Enter
  // your name…"`, `{ prompt: "Are you sure…?" }`), the way browsers and UI kits use the word.
  if (!llmFile && words.length === 1 && ASKS_A_PERSON.test(text.trim())) return false;
  // A bare `prompt` set on an object the code did not make (`el.prompt = "Say something"`) is a UI kit's word too,
  // even in a file that calls a model: two words are no evidence of a model's prompt there.
  return proseWords(text) >= (llmFile ? (ofAnotherObject && words.length === 1 ? 3 : 2) : 6);
}

const ASKS_A_PERSON =
  /^(?:please\s+)?(?:enter|type|select|choose|pick|press|click|tap)\b|^(?:are you sure|do you (?:really )?want|would you like)\b/i;

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
    if (
      answer.role === 'assistant' &&
      question.role === 'user' &&
      answer.variables.length === 0 &&
      question.variables.length === 0
    ) {
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
          variables: part.variables.map((variable) =>
            sizeVariable(variable, lines.range(variable.start, variable.end), options),
          ),
        };
        if (part.fewShot) finished.fewShot = true;
        return finished;
      });
      const call = draft.call;
      const model = draft.model ?? call?.model;
      const modelSource: ModelResolution =
        model === undefined ? 'unknown' : draft.model !== undefined ? 'literal' : (call?.modelSource ?? 'literal');
      const prompt: ExtractedPrompt = {
        id: `${key}:${ordinal}`,
        promptId: '',
        file,
        language,
        kind: draft.kind,
        range: lines.range(draft.start, draft.end),
        parts,
        modelSource,
      };
      if (draft.name !== undefined) prompt.name = draft.name;
      if (call) {
        prompt.callSite = {
          api: call.api,
          range: lines.range(call.start, call.end),
          outputCap: call.outputCap,
          usesTools: call.usesTools,
          jsonMode: call.jsonMode,
          hasImages: call.hasImages,
          argumentsRange: lines.range(call.argsStart, call.argsEnd),
        };
        if (call.model !== undefined) prompt.callSite.model = call.model;
        if (call.modelSpan) prompt.callSite.modelRange = lines.range(call.modelSpan.start, call.modelSpan.end);
        if (call.maxTokens !== undefined) prompt.callSite.maxTokens = call.maxTokens;
        if (call.maxTokensSpan)
          prompt.callSite.maxTokensRange = lines.range(call.maxTokensSpan.start, call.maxTokensSpan.end);
        if (call.retry)
          prompt.callSite.retry = { bounded: call.retry.bounded, range: lines.range(call.retry.start, call.retry.end) };
      }
      const maxTokens = draft.maxTokens ?? call?.maxTokens;
      if (model !== undefined) prompt.model = model;
      if (draft.modelSpan) prompt.modelRange = lines.range(draft.modelSpan.start, draft.modelSpan.end);
      if (maxTokens !== undefined) prompt.maxTokens = maxTokens;
      return prompt;
    });
}

/** Unread call drafts → public UnreadCall entries with line/character ranges. */
export function finishUnreadCalls(
  drafts: Array<{ api: CallApi; start: number; end: number; reason: string }>,
  source: string,
): UnreadCall[] {
  if (drafts.length === 0) return [];
  const lines = new LineIndex(source);
  return drafts.map((draft) => ({ api: draft.api, range: lines.range(draft.start, draft.end), reason: draft.reason }));
}
