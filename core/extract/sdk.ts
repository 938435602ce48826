// What the LLM SDK calls mean: which API a callee is, and which arguments carry the prompt, model, cap and tools.
// Works on the shared value model, so JavaScript and Python calls are read by the same code.
import { markFewShot, type DraftCall, type DraftPart, type DraftPrompt } from './prompts';
import type { CallApi, PromptRole } from './types';
import { entry, resolve, staticText, textOf, type CallValue, type ObjectValue, type TextValue, type Value, type ValueContext } from './values';
import { scanBraceVariables } from './variables';

const API_PATTERNS: Array<[RegExp, CallApi]> = [
  [/(?:^|\.)chat\.completions\.(?:create|parse|stream)$|(?:^|\.)ChatCompletion\.a?create$|(?:^|\.)createChatCompletion$/, 'openai.chat'],
  [/(?:^|\.)responses\.(?:create|parse|stream)$/, 'openai.responses'],
  [/(?:^|\.)messages\.(?:create|stream)$/, 'anthropic.messages'],
  [/(?:^|\.)(?:experimental_)?(?:generateText|streamText|generateObject|streamObject)$/, 'ai-sdk'],
  [/(?:^|\.)(?:Chat)?PromptTemplate\.(?:fromMessages|from_messages|fromTemplate|from_template)$|^(?:new )?PromptTemplate$/, 'langchain'],
];

/** The API a callee calls, if it is one extraction knows. */
export function apiOf(callee: string): CallApi | undefined {
  return API_PATTERNS.find(([pattern]) => pattern.test(callee))?.[1];
}

/** Cheap pre-check on raw source: could this file call an SDK at all? Saves parsing most files. */
export const CALL_HINT = /completions|ChatCompletion|responses|messages|generateText|streamText|generateObject|streamObject|PromptTemplate/;

const ROLES = new Map<string, PromptRole>([
  ['system', 'system'],
  ['developer', 'developer'],
  ['user', 'user'],
  ['human', 'user'],
  ['assistant', 'assistant'],
  ['ai', 'assistant'],
  ['model', 'assistant'],
  ['tool', 'tool'],
  ['function', 'tool'],
]);

const TEXT_BLOCKS = new Set(['text', 'input_text', 'output_text']);
const IMAGE_BLOCKS = new Set(['image', 'image_url', 'input_image']);
/** Keys that make an object argument look like an LLM request rather than, say, an ORM `messages.create({ data })`. */
const REQUEST_KEYS = ['model', 'messages', 'input', 'instructions', 'system', 'prompt', 'max_tokens', 'maxTokens'];

interface CallState {
  hasImages: boolean;
}

function part(role: PromptRole, text: TextValue): DraftPart {
  return { role, text: text.text, start: text.start, end: text.end, variables: text.variables };
}

/** Static text of a LangChain template: its `{name}` placeholders become variables. */
function langchainPart(role: PromptRole, value: Value, context: ValueContext): DraftPart | undefined {
  const text = textOf(value, context);
  if (!text) return undefined;
  if (text.variables.length > 0) return part(role, text);
  const verbatim = context.source.slice(text.start, text.end) === text.text;
  return part(role, { ...text, variables: scanBraceVariables(text.text, 'langchain', verbatim ? text.start : undefined, text) });
}

/** A block list (`[{ type: 'text', text }, { type: 'image_url', … }]`) or plain text, as parts of one role. */
function contentParts(role: PromptRole, value: Value, context: ValueContext, state: CallState): DraftPart[] {
  const resolved = resolve(value, context);
  if (resolved.kind !== 'list') {
    const text = textOf(resolved, context);
    return text ? [part(role, text)] : [];
  }
  const parts: DraftPart[] = [];
  for (const item of resolved.items) {
    const block = resolve(item, context);
    if (block.kind !== 'object') {
      const text = textOf(block, context);
      if (text) parts.push(part(role, text));
      continue;
    }
    const type = staticText(entry(block, 'type'), context)?.text;
    if (type && IMAGE_BLOCKS.has(type)) state.hasImages = true;
    const textValue = entry(block, 'text');
    if (textValue && (!type || TEXT_BLOCKS.has(type))) {
      const text = textOf(textValue, context);
      if (text) parts.push(part(role, text));
    }
  }
  return parts;
}

/** A message list: `{ role, content }` objects, spreads and references to more messages. */
function messageParts(value: Value, context: ValueContext, state: CallState): DraftPart[] {
  const resolved = resolve(value, context);
  if (resolved.kind !== 'list') {
    const text = textOf(resolved, context);
    return text ? [part('user', text)] : [];
  }
  const parts: DraftPart[] = [];
  for (const item of resolved.items) {
    const message = resolve(item, context);
    if (message.kind === 'object') {
      const role = ROLES.get(staticText(entry(message, 'role'), context)?.text ?? 'user') ?? 'user';
      const content = entry(message, 'content');
      if (content) parts.push(...contentParts(role, content, context, state));
    } else {
      const text = textOf(message, context);
      if (text) parts.push(part('user', text));
    }
  }
  markFewShot(parts);
  return parts;
}

function systemParts(value: Value | undefined, context: ValueContext, state: CallState): DraftPart[] {
  return value ? contentParts('system', value, context, state) : [];
}

const MESSAGE_CLASS = /(?:^|\.|new )(System|Human|AI|Chat|Assistant|User)Message(PromptTemplate)?(?:\.(?:fromTemplate|from_template))?$/;

/** `ChatPromptTemplate.fromMessages([...])` items: tuples, message classes, placeholders, plain templates. */
function langchainMessages(value: Value, context: ValueContext): DraftPart[] {
  const resolved = resolve(value, context);
  if (resolved.kind !== 'list') return [];
  const parts: DraftPart[] = [];
  for (const item of resolved.items) {
    const message = resolve(item, context);
    if (message.kind === 'list' && message.items.length >= 2) {
      const roleName = staticText(message.items[0], context)?.text ?? 'user';
      if (roleName === 'placeholder') {
        const found = langchainPart('user', message.items[1]!, context);
        if (found) parts.push(found);
        continue;
      }
      const found = langchainPart(ROLES.get(roleName) ?? 'user', message.items[1]!, context);
      if (found) parts.push(found);
    } else if (message.kind === 'call' && /MessagesPlaceholder$/.test(message.callee)) {
      const nameValue = message.args[0]?.kind === 'object' ? entry(message.args[0], 'variable_name', 'variableName') : message.args[0];
      const name = staticText(nameValue, context)?.text ?? 'messages';
      parts.push({
        role: 'user',
        text: `{${name}}`,
        start: message.start,
        end: message.end,
        variables: [{ name, syntax: 'langchain', start: message.start, end: message.end }],
      });
    } else if (message.kind === 'call' && MESSAGE_CLASS.test(message.callee)) {
      const [, kind] = MESSAGE_CLASS.exec(message.callee)!;
      const role: PromptRole = kind === 'System' ? 'system' : kind === 'AI' || kind === 'Assistant' ? 'assistant' : 'user';
      const first = message.args[0];
      const content = first?.kind === 'object' ? entry(first, 'content', 'template', 'prompt') : first;
      const found = content && langchainPart(role, content, context);
      if (found) parts.push(found);
    } else {
      const found = langchainPart('user', message, context);
      if (found) parts.push(found);
    }
  }
  markFewShot(parts);
  return parts;
}

const MAX_TOKEN_KEYS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxTokens', 'maxOutputTokens', 'maxCompletionTokens'];

function present(value: Value | undefined, context: ValueContext): boolean {
  if (!value) return false;
  const resolved = resolve(value, context);
  if (resolved.kind === 'other') return !resolved.empty;
  if (resolved.kind === 'list') return resolved.items.length > 0;
  if (resolved.kind === 'object') return resolved.entries.length > 0;
  return true;
}

/** The model id of `'gpt-4o'`, `openai('gpt-4o')`, `anthropic.messages('claude-…')` or a gateway's `'openai/gpt-4o'`;
 * the span covers just the id, so replacing it keeps any provider prefix. */
function modelOf(value: Value | undefined, context: ValueContext): { model: string; span?: { start: number; end: number } } | undefined {
  if (!value) return undefined;
  let resolved = resolve(value, context);
  if (resolved.kind === 'call' && resolved.args[0]) resolved = resolve(resolved.args[0], context);
  const text = staticText(resolved, context);
  if (!text || text.text.trim() === '') return undefined;
  const slash = text.text.lastIndexOf('/');
  const model = text.text.slice(slash + 1);
  const verbatim = context.source.slice(text.start, text.end) === text.text;
  return { model, span: verbatim ? { start: text.start + slash + 1, end: text.end } : undefined };
}

function requestOptions(call: CallValue, context: ValueContext): ObjectValue | undefined {
  const first = call.args[0] && resolve(call.args[0], context);
  return first?.kind === 'object' ? first : undefined;
}

/** A recognised SDK call as a draft prompt (without retry: that depends on the surrounding code). */
export function interpretCall(call: CallValue, context: ValueContext): DraftPrompt | undefined {
  const api = apiOf(call.callee);
  if (!api) return undefined;
  const state: CallState = { hasImages: false };
  const draft: DraftCall = {
    api,
    start: call.start,
    end: call.end,
    argsStart: call.argsStart,
    argsEnd: call.argsEnd,
    usesTools: false,
    jsonMode: false,
    hasImages: false,
  };
  let parts: DraftPart[];
  if (api === 'langchain') {
    const first = call.args[0];
    if (!first) return undefined;
    if (/from_?[mM]essages$/.test(call.callee)) parts = langchainMessages(first, context);
    else {
      const template = first.kind === 'object' ? entry(first, 'template') : first;
      const role: PromptRole = /ChatPromptTemplate/.test(call.callee) ? 'user' : 'template';
      const found = template && langchainPart(role, template, context);
      parts = found ? [found] : [];
    }
    if (parts.length === 0) return undefined;
  } else {
    const options = requestOptions(call, context);
    if (!options || !REQUEST_KEYS.some((key) => entry(options, key))) return undefined;
    if (api === 'openai.chat') {
      parts = messageParts(entry(options, 'messages') ?? { kind: 'list', items: [], start: 0, end: 0 }, context, state);
    } else if (api === 'openai.responses') {
      const input = entry(options, 'input');
      parts = [...systemParts(entry(options, 'instructions'), context, state), ...(input ? messageParts(input, context, state) : [])];
    } else if (api === 'anthropic.messages') {
      const messages = entry(options, 'messages');
      parts = [...systemParts(entry(options, 'system'), context, state), ...(messages ? messageParts(messages, context, state) : [])];
    } else {
      const prompt = entry(options, 'prompt');
      const messages = entry(options, 'messages');
      parts = [
        ...systemParts(entry(options, 'system'), context, state),
        ...(prompt ? messageParts(prompt, context, state) : []),
        ...(messages ? messageParts(messages, context, state) : []),
      ];
    }
    const model = modelOf(entry(options, 'model'), context);
    if (model) {
      draft.model = model.model;
      if (model.span) draft.modelSpan = model.span;
    }
    const cap = entry(options, ...MAX_TOKEN_KEYS);
    const capValue = cap && resolve(cap, context);
    if (capValue?.kind === 'number') {
      draft.maxTokens = capValue.value;
      draft.maxTokensSpan = { start: capValue.start, end: capValue.end };
    }
    draft.usesTools = present(entry(options, 'tools'), context) || present(entry(options, 'functions'), context);
    const text = entry(options, 'text');
    const textOptions = text && resolve(text, context);
    draft.jsonMode =
      /(?:generate|stream)Object$/.test(call.callee) ||
      present(entry(options, 'response_format', 'responseFormat', 'text_format', 'output', 'experimental_output'), context) ||
      (textOptions?.kind === 'object' && present(entry(textOptions, 'format'), context));
  }
  draft.hasImages = state.hasImages;
  return { kind: 'call', start: call.start, end: call.end, parts, call: draft };
}
