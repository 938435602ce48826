// What the LLM SDK calls mean: which API a callee is, and which arguments carry the prompt, model, cap and tools.
// Works on the shared value model, so JavaScript and Python calls are read by the same code.
import { markFewShot, type DraftCall, type DraftPart, type DraftPrompt } from './prompts';
import type { CallApi, ModelResolution, PromptRole } from './types';
import {
  entry,
  fallbackOf,
  resolve,
  staticText,
  textOf,
  type CallValue,
  type ObjectValue,
  type TextValue,
  type Value,
  type ValueContext,
} from './values';
import { scanBraceVariables } from './variables';

const API_PATTERNS: Array<[RegExp, CallApi]> = [
  [
    /(?:^|\.)chat\.completions\.(?:create|parse|stream)$|(?:^|\.)ChatCompletion\.a?create$|(?:^|\.)createChatCompletion$|(?:^|\.)(?:get|stream)ChatCompletions$/,
    'openai.chat',
  ],
  // LiteLLM's completion()/acompletion(), bare or as litellm.completion / router.acompletion: OpenAI's request shape.
  [/^(?:litellm\.|[\w.]*[rR]outer\.)?a?completion$/, 'openai.chat'],
  [/(?:^|\.)responses\.(?:create|parse|stream)$/, 'openai.responses'],
  [/(?:^|\.)messages\.(?:create|stream)$/, 'anthropic.messages'],
  [
    /(?:^|\.)(?:models\.)?(?:generate_content|generateContent|generate_content_stream|generateContentStream)$/,
    'google.genai',
  ],
  [/(?:^|\.)(?:experimental_)?(?:generateText|streamText|generateObject|streamObject)$/, 'ai-sdk'],
  [
    /(?:^|\.)(?:Chat)?PromptTemplate\.(?:fromMessages|from_messages|fromTemplate|from_template)$|^(?:new )?PromptTemplate$/,
    'langchain',
  ],
  [/(?:^|\.)a?(?:invoke|stream)$/, 'langchain'],
];

/** The API a callee calls, if it is one extraction knows. */
export function apiOf(callee: string): CallApi | undefined {
  return API_PATTERNS.find(([pattern]) => pattern.test(callee))?.[1];
}

/** Cheap pre-check on raw source: could this file call an SDK at all? Saves parsing most files. */
export const CALL_HINT =
  /completions|ChatCompletion|responses|messages|generateText|streamText|generateObject|streamObject|PromptTemplate|completion\s*\(|generate_?[cC]ontent|invoke|stream/;

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
  return part(role, {
    ...text,
    variables: scanBraceVariables(text.text, 'langchain', verbatim ? text.start : undefined, text),
  });
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

const MESSAGE_CLASS =
  /(?:^|\.|new )(System|Human|AI|Chat|Assistant|User)Message(PromptTemplate)?(?:\.(?:fromTemplate|from_template))?$/;

/** `ChatPromptTemplate.fromMessages([...])` items: tuples, message classes, placeholders, plain templates; also
 * the message list given to a chat model's `invoke`, where the texts are sent as written (`template` false). */
function langchainMessages(value: Value, context: ValueContext, template = true): DraftPart[] {
  const resolved = resolve(value, context);
  if (resolved.kind !== 'list') return [];
  const asPart = (role: PromptRole, item: Value): DraftPart | undefined => {
    if (template) return langchainPart(role, item, context);
    const text = textOf(item, context);
    return text ? part(role, text) : undefined;
  };
  const parts: DraftPart[] = [];
  for (const item of resolved.items) {
    const message = resolve(item, context);
    if (message.kind === 'list' && message.items.length >= 2) {
      const roleName = staticText(message.items[0], context)?.text ?? 'user';
      if (roleName === 'placeholder') {
        const found = asPart('user', message.items[1]!);
        if (found) parts.push(found);
        continue;
      }
      const found = asPart(ROLES.get(roleName) ?? 'user', message.items[1]!);
      if (found) parts.push(found);
    } else if (message.kind === 'call' && /MessagesPlaceholder$/.test(message.callee)) {
      const nameValue =
        message.args[0]?.kind === 'object' ? entry(message.args[0], 'variable_name', 'variableName') : message.args[0];
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
      const role: PromptRole =
        kind === 'System' ? 'system' : kind === 'AI' || kind === 'Assistant' ? 'assistant' : 'user';
      const first = message.args[0];
      const content = first?.kind === 'object' ? entry(first, 'content', 'template', 'prompt') : first;
      const found = content && asPart(role, content);
      if (found) parts.push(found);
    } else if (message.kind === 'object') {
      const content = entry(message, 'content');
      const role = ROLES.get(staticText(entry(message, 'role'), context)?.text ?? 'user') ?? 'user';
      const found = content && asPart(role, content);
      if (found) parts.push(found);
    } else {
      const found = asPart('user', message);
      if (found) parts.push(found);
    }
  }
  markFewShot(parts);
  return parts;
}

const MAX_TOKEN_KEYS = [
  'max_tokens',
  'max_completion_tokens',
  'max_output_tokens',
  'maxTokens',
  'maxOutputTokens',
  'maxCompletionTokens',
  'max_new_tokens',
];
/** Where a request nests its generation settings (Google's `config`, `generationConfig`; LangChain's `kwargs`). */
const SETTINGS_KEYS = [
  'config',
  'generation_config',
  'generationConfig',
  'options',
  'settings',
  'providerOptions',
  'model_kwargs',
  'modelKwargs',
  'kwargs',
  'extra_body',
  'params',
];

function present(value: Value | undefined, context: ValueContext): boolean {
  if (!value) return false;
  const resolved = resolve(value, context);
  if (resolved.kind === 'other') return !resolved.empty;
  if (resolved.kind === 'list') return resolved.items.length > 0;
  if (resolved.kind === 'object') return resolved.entries.length > 0;
  return true;
}

interface ModelFound {
  model: string;
  span?: { start: number; end: number };
  source: Exclude<ModelResolution, 'unknown'>;
}

/** The model id of `'gpt-4o'`, `openai('gpt-4o')`, `anthropic.messages('claude-…')` or a gateway's `'openai/gpt-4o'`,
 * followed through constants, member paths and fallbacks (`process.env.MODEL ?? 'gpt-4o'`,
 * `os.getenv("MODEL", "gpt-4o")`). The span covers just the id, so replacing it keeps any provider prefix; a fallback
 * gets no span, since editing a default is not switching the call's model. */
export function modelOf(value: Value | undefined, context: ValueContext): ModelFound | undefined {
  if (!value) return undefined;
  let source: ModelFound['source'] = value.kind === 'text' ? 'literal' : 'resolved';
  let resolved = resolve(value, context);
  for (let hops = 0; hops < 4; hops++) {
    const fallback = fallbackOf(resolved);
    if (fallback) {
      source = 'fallback';
      resolved = resolve(fallback, context);
    } else if (resolved.kind === 'call' && resolved.callee !== '+' && resolved.args[0] && !resolved.method) {
      // A provider function: `openai('gpt-4o')`, `azure('deployment')`.
      resolved = resolve(resolved.args[0], context);
    } else break;
  }
  if (
    resolved.kind === 'call' &&
    resolved.method &&
    resolved.args[0] &&
    /^(?:chat|languageModel|messages|responses)$/.test(resolved.method)
  ) {
    resolved = resolve(resolved.args[0], context);
  }
  const text = staticText(resolved, context);
  if (!text || text.text.trim() === '' || /\s/.test(text.text.trim())) return undefined;
  const slash = text.text.lastIndexOf('/');
  const model = text.text.slice(slash + 1);
  const verbatim = context.source.slice(text.start, text.end) === text.text;
  return {
    model,
    span: verbatim && source !== 'fallback' ? { start: text.start + slash + 1, end: text.end } : undefined,
    source,
  };
}

/** An option read from a request object or, when it is not written there, from a same-file object spread into it
 * (`{ ...settings, messages }` with `const settings = { model: 'gpt-4o' }`). */
function option(object: ObjectValue, context: ValueContext, ...keys: string[]): Value | undefined {
  const direct = entry(object, ...keys);
  if (direct) return direct;
  for (const spread of object.spreads ?? []) {
    const resolved = resolve(spread, context);
    const found = resolved.kind === 'object' ? entry(resolved, ...keys) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The request's keyword object: the first argument that resolves to an object (`create({...})`, Python keywords,
 * `create(params)` with `params` a same-file object). */
function requestOptions(call: CallValue, context: ValueContext): ObjectValue | undefined {
  for (const arg of call.args) {
    const resolved = resolve(arg, context);
    if (resolved.kind === 'object') return resolved;
  }
  return undefined;
}

/** Whether an object carries an output cap at its top level or in a nested settings object: a number, or any other
 * value (an expression, a constant read at run time), or a spread that may carry one. */
function capIn(object: ObjectValue, context: ValueContext, depth = 0): { value?: Value; spread: boolean } {
  const cap = entry(object, ...MAX_TOKEN_KEYS);
  if (cap) return { value: cap, spread: false };
  let spread = false;
  for (const item of object.entries) {
    if (depth < 2 && SETTINGS_KEYS.includes(item.key)) {
      const nested = settingsObject(item.value, context) ?? resolve(item.value, context);
      if (nested.kind === 'object') {
        const found = capIn(nested, context, depth + 1);
        if (found.value) return found;
        spread ||= found.spread;
      } else if (nested.kind !== 'other') spread = true;
    }
  }
  return { spread: spread || (object.spreads?.length ?? 0) > 0 };
}

/** A settings value as an object: a literal, a same-file constant, or a config class built with keywords
 * (`types.GenerateContentConfig(max_output_tokens=300, …)`). */
function settingsObject(value: Value, context: ValueContext): ObjectValue | undefined {
  const resolved = resolve(value, context);
  if (resolved.kind === 'object') return resolved;
  return resolved.kind === 'call' && resolved.callee !== '+' ? requestOptions(resolved, context) : undefined;
}

/** The chat model a LangChain call runs on: `ChatOpenAI(model=…)` reached through a name, `self.llm`, or
 * `.with_structured_output(…)`/`.bind_tools(…)` wrappers. */
const CHAT_MODEL = /(?:^|\.|new )(?:Azure)?Chat[A-Z]\w*$|(?:^|\.)(?:init_chat_model|initChatModel)$/;
const MODEL_WRAPPERS =
  /^(?:with_structured_output|withStructuredOutput|bind|bind_tools|bindTools|with_retry|withRetry|with_config|withConfig|with_fallbacks|withFallbacks)$/;
/** Words of a name that hold a chat model (`llm`, `self.grader_model`, `llm_with_tools`, `judge`), and words that
 * say it is something else that also has `invoke` (a chain, an agent, a graph, a retriever, a tool). */
const MODEL_WORDS = new Set(['llm', 'llms', 'model', 'chat', 'lm', 'grader', 'judge', 'critic']);
const RUNNABLE_WORDS = new Set([
  'chain',
  'agent',
  'graph',
  'retriever',
  'runnable',
  'workflow',
  'pipeline',
  'executor',
  'embeddings',
  'embedding',
  'parser',
  'tool',
  'prompt',
  'template',
  'app',
  'crew',
  'step',
]);

function namesChatModel(source: string): boolean {
  const last = source.slice(source.lastIndexOf('.') + 1);
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => MODEL_WORDS.has(word)) && !words.some((word) => RUNNABLE_WORDS.has(word));
}

function chatModelOf(target: Value | undefined, context: ValueContext): { model?: CallValue; named: boolean } {
  let current = target && resolve(target, context);
  for (
    let hops = 0;
    hops < 4 && current?.kind === 'call' && current.method && MODEL_WRAPPERS.test(current.method) && current.target;
    hops++
  ) {
    current = resolve(current.target, context);
  }
  if (current?.kind === 'call' && CHAT_MODEL.test(current.callee)) return { model: current, named: true };
  if (current?.kind === 'ref') return { named: namesChatModel(current.source.replace(/\s+/g, '')) };
  return { named: false };
}

/** LangChain invoke input: a string, or a message list of tuples, message classes and `{role, content}` objects. */
function invokeParts(value: Value, context: ValueContext, state: CallState): DraftPart[] {
  const resolved = resolve(value, context);
  if (resolved.kind === 'list') {
    const parts = langchainMessages(resolved, context, false);
    return parts.length > 0 ? parts : messageParts(resolved, context, state);
  }
  if (resolved.kind === 'object') return [];
  const text = textOf(resolved, context);
  return text ? [part('user', text)] : [];
}

/** A call that looks like an SDK call whose prompt could not be read (its arguments are built at run time). */
export interface UnreadCallDraft {
  kind: 'unread';
  api: CallApi;
  start: number;
  end: number;
  reason: string;
}

/** Whether the callee alone says an LLM SDK is called, so an unreadable request is still worth reporting. The
 * ambiguous shapes (`messages.create` of a chat or ORM library, a bare `completion`, `.invoke`) need the file to
 * mention the SDK. */
function isCertainCall(call: CallValue, api: CallApi, context: ValueContext): boolean {
  if (api === 'anthropic.messages') return /anthropic/i.test(context.source);
  if (api === 'openai.chat' && /^(?:litellm\.|[\w.]*[rR]outer\.)?a?completion$/.test(call.callee))
    return /litellm/.test(context.source);
  return api !== 'langchain';
}

/** A recognised SDK call as a draft prompt (without retry: that depends on the surrounding code), an unread call
 * site when it is one but its prompt cannot be read, or undefined when it is not an LLM call. */
export function interpretCall(call: CallValue, context: ValueContext): DraftPrompt | UnreadCallDraft | undefined {
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
    outputCap: 'none',
  };
  const unread = (reason: string): UnreadCallDraft | undefined =>
    isCertainCall(call, api, context) ? { kind: 'unread', api, start: call.start, end: call.end, reason } : undefined;
  let parts: DraftPart[];
  if (api === 'langchain' && /(?:^|\.)a?(?:invoke|stream)$/.test(call.callee)) {
    const chat = chatModelOf(call.target, context);
    if (!chat.model && !chat.named) return undefined;
    const first = call.args[0];
    if (!first) return undefined;
    parts = invokeParts(first, context, state);
    // A chat model's input built where it cannot be read (`llm.invoke(messages)` with `messages` filled by appends).
    if (parts.length === 0)
      return { kind: 'unread', api, start: call.start, end: call.end, reason: 'its messages are built at run time' };
    const settings = chat.model && requestOptions(chat.model, context);
    const model =
      modelOf(
        settings
          ? entry(
              settings,
              'model',
              'model_name',
              'modelName',
              'azure_deployment',
              'deployment_name',
              'azureOpenAIApiDeploymentName',
            )
          : undefined,
        context,
      ) ?? modelOf(chat.model?.args[0]?.kind === 'text' ? chat.model.args[0] : undefined, context);
    setModel(draft, model);
    draft.outputCap = 'expression';
  } else if (api === 'langchain') {
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
    draft.outputCap = 'expression';
  } else if (api === 'google.genai') {
    // `client.models.generate_content(model=…, contents=…, config=…)`, or the older
    // `genai.GenerativeModel("gemini-…").generate_content("…")` whose model is set on the object.
    const options = requestOptions(call, context);
    const first = call.args[0] && resolve(call.args[0], context);
    const contents = options ? entry(options, 'contents') : first && first.kind !== 'object' ? first : undefined;
    if (!contents) return options || !call.args[0] ? undefined : unread('its contents are built at run time');
    const configValue = options && entry(options, 'config', 'generation_config', 'generationConfig');
    const config = configValue && settingsObject(configValue, context);
    const system = config && entry(config, 'system_instruction', 'systemInstruction');
    const owner = call.target && resolve(call.target, context);
    const ownerOptions = owner?.kind === 'call' ? requestOptions(owner, context) : undefined;
    // The older SDKs set the system instruction on the model object: `GenerativeModel(…, system_instruction=…)`.
    const ownerSystem = ownerOptions && entry(ownerOptions, 'system_instruction', 'systemInstruction');
    if (ownerSystem) context.used.add(ownerSystem.start);
    parts = [...systemParts(system ?? ownerSystem, context, state), ...geminiContents(contents, context, state)];
    const model =
      modelOf(options && entry(options, 'model'), context) ??
      (owner?.kind === 'call'
        ? modelOf(
            (ownerOptions && entry(ownerOptions, 'model', 'model_name')) ??
              (owner.args[0]?.kind !== 'object' ? owner.args[0] : undefined),
            context,
          )
        : undefined);
    setModel(draft, model);
    if (!options && !/(?:^|\.)models\./.test(call.callee) && !owner) return undefined;
    const cap = options ? capIn(options, context) : { spread: false };
    const ownerCap = ownerOptions ? capIn(ownerOptions, context) : { spread: false };
    setCap(draft, cap.value ?? ownerCap.value, cap.spread || ownerCap.spread, context);
  } else if (/(?:get|stream)ChatCompletions$/.test(call.callee)) {
    // @azure/openai: getChatCompletions(deploymentName, messages, options).
    const [deployment, messages, extra] = call.args;
    if (!messages) return unread('its messages are built at run time');
    parts = messageParts(messages, context, state);
    setModel(draft, modelOf(deployment, context));
    const options = extra && resolve(extra, context);
    const cap = options?.kind === 'object' ? capIn(options, context) : { spread: extra !== undefined };
    setCap(draft, cap.value, cap.spread, context);
  } else {
    const options = requestOptions(call, context);
    if (!options) return call.args.length > 0 ? unread('its request is built at run time') : undefined;
    if (!REQUEST_KEYS.some((key) => entry(options, key))) {
      return options.spreads && entry(options, 'model') === undefined
        ? unread('its request is spread from a run-time object')
        : undefined;
    }
    // A bare `completion(…)` is LiteLLM's only with a message list; many libraries have a `completion` function.
    if (/^a?completion$/.test(call.callee) && !entry(options, 'messages')) return undefined;
    if (api === 'openai.chat') {
      const messages = entry(options, 'messages');
      const prompt = entry(options, 'prompt');
      parts = messages ? messageParts(messages, context, state) : prompt ? messageParts(prompt, context, state) : [];
    } else if (api === 'openai.responses') {
      const input = entry(options, 'input');
      parts = [
        ...systemParts(entry(options, 'instructions'), context, state),
        ...(input ? messageParts(input, context, state) : []),
      ];
    } else if (api === 'anthropic.messages') {
      const messages = entry(options, 'messages');
      parts = [
        ...systemParts(entry(options, 'system'), context, state),
        ...(messages ? messageParts(messages, context, state) : []),
      ];
    } else {
      const prompt = entry(options, 'prompt');
      const messages = entry(options, 'messages');
      parts = [
        ...systemParts(entry(options, 'system'), context, state),
        ...(prompt ? messageParts(prompt, context, state) : []),
        ...(messages ? messageParts(messages, context, state) : []),
      ];
    }
    setModel(draft, modelOf(option(options, context, 'model', 'engine', 'deployment_id'), context));
    const cap = capIn(options, context);
    setCap(
      draft,
      cap.value,
      cap.spread || call.args.some((arg) => arg.kind === 'spread') || clientSetsCap(call, context),
      context,
    );
    draft.usesTools = present(entry(options, 'tools'), context) || present(entry(options, 'functions'), context);
    const text = entry(options, 'text');
    const textOptions = text && resolve(text, context);
    draft.jsonMode =
      /(?:generate|stream)Object$/.test(call.callee) ||
      present(
        entry(options, 'response_format', 'responseFormat', 'text_format', 'output', 'experimental_output'),
        context,
      ) ||
      (textOptions?.kind === 'object' && present(entry(textOptions, 'format'), context));
  }
  draft.hasImages = state.hasImages;
  // A request whose messages all come from elsewhere (`create(model=m, **kwargs)`) has no prompt to read here.
  if (parts.length === 0) return unread('its messages are built at run time');
  return { kind: 'call', start: call.start, end: call.end, parts, call: draft };
}

function setModel(draft: DraftCall, model: ModelFound | undefined): void {
  if (!model) return;
  draft.model = model.model;
  draft.modelSource = model.source;
  if (model.span) draft.modelSpan = model.span;
}

function setCap(draft: DraftCall, cap: Value | undefined, maybe: boolean, context: ValueContext): void {
  const value = cap && resolve(cap, context);
  if (value?.kind === 'number') {
    draft.maxTokens = value.value;
    draft.maxTokensSpan = { start: value.start, end: value.end };
    draft.outputCap = 'literal';
  } else if (value || maybe) draft.outputCap = 'expression';
}

/** A client built with default request settings that cap output (`Client(max_tokens=…)`, `{ defaults: {…} }`). */
function clientSetsCap(call: CallValue, context: ValueContext): boolean {
  const root = /^(?:this\.|self\.)?[A-Za-z_$][\w$]*/.exec(call.callee)?.[0];
  if (!root || root === call.callee) return false;
  const client = resolve(
    {
      kind: 'ref',
      name: root,
      source: root,
      start: call.start,
      end: call.start,
      identifier: /\./.test(root) ? undefined : root,
    },
    context,
  );
  if (client.kind !== 'call') return false;
  const options = requestOptions(client, context);
  return options !== undefined && (capIn(options, context).value !== undefined || capIn(options, context).spread);
}

/** Gemini `contents`: a string, a list of strings or parts, or `{ role, parts: [{ text }] }` turns. */
function geminiContents(value: Value, context: ValueContext, state: CallState): DraftPart[] {
  const resolved = resolve(value, context);
  if (resolved.kind !== 'list') {
    if (resolved.kind === 'object') return geminiTurn(resolved, context, state);
    const text = textOf(resolved, context);
    return text ? [part('user', text)] : [];
  }
  return resolved.items.flatMap((item) => {
    const turn = resolve(item, context);
    if (turn.kind === 'object') return geminiTurn(turn, context, state);
    const text = textOf(turn, context);
    return text ? [part('user', text)] : [];
  });
}

function geminiTurn(turn: ObjectValue, context: ValueContext, state: CallState): DraftPart[] {
  const role = ROLES.get(staticText(entry(turn, 'role'), context)?.text ?? 'user') ?? 'user';
  const parts = entry(turn, 'parts');
  if (parts) return contentParts(role, parts, context, state);
  const text = entry(turn, 'text');
  if (text) return contentParts(role, text, context, state);
  if (entry(turn, 'inline_data', 'inlineData', 'file_data', 'fileData')) state.hasImages = true;
  return [];
}
