// Whole chat requests, counted the way the provider bills the prompt: message framing, names, system prompts, tool
// definitions and images, in OpenAI's Chat Completions shape or Anthropic's Messages shape.
import { z } from 'zod';
import { getEncoding, type Encoding } from './bpe';
import { addRawCount, scaleKindCounts, type TokenCount } from './count';
import {
  anthropicImageTokens,
  base64Bytes,
  geminiImageTokens,
  imageSize,
  openAiImageTokens,
  type ImageDetail,
  type ImageSize,
  type ImageTokens,
} from './images';
import { resolveTokenizer, type ResolveOptions, type Tokenizer } from './models';
import { type KindCounts, noCounts } from './scripts';

export interface ChatTokenCount {
  shape: 'openai' | 'anthropic';
  total: TokenCount;
  parts: { system: TokenCount; messages: TokenCount; tools: TokenCount; images: TokenCount; overhead: TokenCount };
}

/** A request that does not have the shape of a chat request; each issue names the JSON path of the bad field. */
export class ChatRequestError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Malformed chat request: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ChatRequestError';
  }
}

const imageDetail = z.enum(['low', 'high', 'auto']);
const openAiPart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string(), detail: imageDetail.optional() }) }),
]);
const openAiMessage = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(openAiPart), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z
    .array(
      z.object({
        id: z.string().optional(),
        type: z.literal('function').optional(),
        function: z.object({ name: z.string(), arguments: z.string() }),
      }),
    )
    .optional(),
  tool_call_id: z.string().optional(),
});
const jsonSchema = z.record(z.string(), z.unknown());
const openAiFunction = z.object({
  name: z.string(),
  description: z.string().optional(),
  parameters: jsonSchema.optional(),
});
const openAiRequest = z.object({
  model: z.string().optional(),
  messages: z.array(openAiMessage),
  tools: z.array(z.object({ type: z.literal('function'), function: openAiFunction })).optional(),
  functions: z.array(openAiFunction).optional(),
});

const anthropicText = z.object({ type: z.literal('text'), text: z.string() });
const anthropicImage = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('base64'), media_type: z.string(), data: z.string() }),
    z.object({ type: z.literal('url'), url: z.string() }),
  ]),
});
const anthropicBlock = z.discriminatedUnion('type', [
  anthropicText,
  anthropicImage,
  z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({
    type: z.literal('tool_result'),
    tool_use_id: z.string(),
    content: z.union([z.string(), z.array(z.union([anthropicText, anthropicImage]))]).optional(),
  }),
]);
const anthropicRequest = z.object({
  model: z.string().optional(),
  system: z.union([z.string(), z.array(anthropicText)]).optional(),
  messages: z.array(
    z.object({ role: z.enum(['user', 'assistant']), content: z.union([z.string(), z.array(anthropicBlock)]) }),
  ),
  tools: z
    .array(z.object({ name: z.string(), description: z.string().optional(), input_schema: jsonSchema }))
    .optional(),
});

type OpenAiRequest = z.infer<typeof openAiRequest>;
type AnthropicRequest = z.infer<typeof anthropicRequest>;

/** Anthropic's shape has a top-level `system`, `input_schema` tools, or typed blocks OpenAI does not use. */
function looksAnthropic(request: unknown): boolean {
  if (typeof request !== 'object' || request === null) return false;
  const r = request as Record<string, unknown>;
  if ('system' in r) return true;
  if (Array.isArray(r.tools) && r.tools.some((t) => typeof t === 'object' && t !== null && 'input_schema' in t))
    return true;
  return (
    Array.isArray(r.messages) &&
    r.messages.some(
      (m) =>
        typeof m === 'object' &&
        m !== null &&
        Array.isArray((m as { content?: unknown }).content) &&
        (m as { content: unknown[] }).content.some(
          (b) =>
            typeof b === 'object' &&
            b !== null &&
            ['image', 'tool_use', 'tool_result'].includes((b as { type?: string }).type ?? ''),
        ),
    )
  );
}

function parse<T>(schema: z.ZodType<T>, request: unknown): T {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  throw new ChatRequestError(result.error.issues.flatMap((issue) => explain(issue, [])));
}

/**
 * A union's own message is only "Invalid input". Report the branch that got furthest into the value (the deepest
 * path), or, when every branch failed at the union itself, what each branch expected.
 */
function explain(issue: z.core.$ZodIssue, prefix: PropertyKey[]): { path: string; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0)
    return [{ path: jsonPath(path), message: issue.message }];
  const depth = (issues: z.core.$ZodIssue[]) => Math.max(...issues.map((i) => i.path.length));
  const deepest = issue.errors.reduce((best, branch) => (depth(branch) > depth(best) ? branch : best));
  if (depth(deepest) > 0) return deepest.flatMap((inner) => explain(inner, path));
  const expected = issue.errors.flat().map((i) => ('expected' in i ? String(i.expected) : i.message));
  return [{ path: jsonPath(path), message: `Invalid input: expected ${[...new Set(expected)].join(' or ')}` }];
}

function jsonPath(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * Counts a chat request in OpenAI or Anthropic shape. `model` overrides the request's own `model` field.
 * Throws ChatRequestError for a malformed request and UnknownModelError for an unknown model (unless
 * `fallback: 'estimate'`).
 */
export function countChatRequest(request: unknown, model?: string, options: ResolveOptions = {}): ChatTokenCount {
  const anthropic = looksAnthropic(request);
  const parsed = anthropic ? parse(anthropicRequest, request) : parse(openAiRequest, request);
  const modelId = model ?? parsed.model;
  if (!modelId)
    throw new ChatRequestError([{ path: 'model', message: 'no model given: set "model" in the request or pass one' }]);
  const tokenizer = resolveTokenizer(modelId, options);
  const tally = new Tally(tokenizer);
  if (anthropic) tallyAnthropic(parsed as AnthropicRequest, tally);
  else tallyOpenAi(parsed as OpenAiRequest, tally);
  return tally.result(anthropic ? 'anthropic' : 'openai');
}

type Part = keyof ChatTokenCount['parts'];

/** Accumulates text (in the tokenizer's encoding, scaled if it is an estimate) and fixed counts per part. */
class Tally {
  readonly encoding: Encoding;
  private readonly text: Record<Part, KindCounts> = {
    system: noCounts(),
    messages: noCounts(),
    tools: noCounts(),
    images: noCounts(),
    overhead: noCounts(),
  };
  private readonly fixed: Record<Part, number> = { system: 0, messages: 0, tools: 0, images: 0, overhead: 0 };
  private readonly fixedLeast: Record<Part, number> = { system: 0, messages: 0, tools: 0, images: 0, overhead: 0 };
  private readonly fixedMost: Record<Part, number> = { system: 0, messages: 0, tools: 0, images: 0, overhead: 0 };
  private readonly notes = new Set<string>();
  private approximate = false;

  constructor(readonly tokenizer: Tokenizer) {
    this.encoding = getEncoding(tokenizer.encoding);
  }

  addText(part: Part, text: string): void {
    addRawCount(this.tokenizer, text, this.text[part]);
  }

  /** A fixed count; `least` and `most` are the ends of its band when it is not certain. */
  addFixed(part: Part, tokens: number, least = tokens, most = tokens): void {
    this.fixed[part] += tokens;
    this.fixedLeast[part] += least;
    this.fixedMost[part] += most;
  }

  /** Explains the count without making it an estimate (the tokenizer already decides that). */
  explain(note: string): void {
    this.notes.add(note);
  }

  /** Marks the count as an estimate even for an exact tokenizer (e.g. an image of unknown size). */
  approximateBecause(note: string): void {
    this.approximate = true;
    this.notes.add(note);
  }

  result(shape: ChatTokenCount['shape']): ChatTokenCount {
    const tokenizer =
      this.tokenizer.exact && this.approximate
        ? { ...this.tokenizer, exact: false, factor: 1, low: 1, high: 1 }
        : this.tokenizer;
    if (this.tokenizer.note) this.notes.add(this.tokenizer.note);
    const note = [...this.notes].join(' ') || undefined;
    const partCount = (part: Part): TokenCount => {
      const scaled = scaleKindCounts(this.text[part], tokenizer);
      const fixed = this.fixed[part];
      return {
        ...scaled,
        tokens: scaled.tokens + fixed,
        low: scaled.low + this.fixedLeast[part],
        high: scaled.high + this.fixedMost[part],
        ...(note ? { note } : {}),
      };
    };
    const parts = {
      system: partCount('system'),
      messages: partCount('messages'),
      tools: partCount('tools'),
      images: partCount('images'),
      overhead: partCount('overhead'),
    };
    const sum = (key: 'tokens' | 'low' | 'high') => Object.values(parts).reduce((n, p) => n + p[key], 0);
    const total: TokenCount = { ...parts.system, tokens: sum('tokens'), low: sum('low'), high: sum('high') };
    return { shape, total, parts };
  }
}

/** The image's pixel size when it is inline data we can read; a URL would have to be fetched, so it stays unknown. */
function inlineImageSize(base64: string): ImageSize | undefined {
  return imageSize(base64Bytes(base64));
}

function addImage(tally: Tally, size: ImageSize | undefined, detail: ImageDetail | undefined): void {
  const { provider, model } = tally.tokenizer;
  const image: ImageTokens =
    provider === 'anthropic'
      ? anthropicImageTokens(size)
      : provider === 'google'
        ? geminiImageTokens(size)
        : openAiImageTokens(model, size, detail);
  tally.addFixed('images', image.tokens, image.least);
  if (!image.exact)
    tally.approximateBecause(
      'An image of unknown size (a URL, or data in an unknown format) is counted at the largest size the model accepts.',
    );
}

export interface MessageFraming {
  tokens: number;
  /** The band of the framing: equal to `tokens` where the provider documents it. */
  least: number;
  most: number;
  /** Why no framing is counted, when the provider documents none. */
  note?: string;
}

/**
 * The tokens a provider bills around a chat's messages, beyond their text. OpenAI's cookbook ("How to count tokens
 * with tiktoken") documents it: every message costs 3 tokens of framing plus its role (and 1 more with a name), and
 * every reply is primed with 3; its numbers match the API's prompt_tokens. Anthropic and Google document no such
 * framing, so none is counted for their models, and the band's upper end allows OpenAI's amount for it.
 */
export function messageFraming(
  tokenizer: Tokenizer,
  messages: readonly { role: string; name?: string }[],
): MessageFraming {
  const encoding = getEncoding(tokenizer.encoding);
  let openAi = 3;
  for (const message of messages) openAi += 3 + encoding.count(message.role) + (message.name === undefined ? 0 : 1);
  if (tokenizer.provider === 'openai') return { tokens: openAi, least: openAi, most: openAi };
  const provider = providerNames[tokenizer.provider];
  const none = provider
    ? `${provider} documents no per-message framing`
    : `No per-message framing is known for ${tokenizer.model}`;
  return {
    tokens: 0,
    least: 0,
    most: openAi,
    note: `${none}: none is counted, and the band allows up to ${openAi} tokens for it.`,
  };
}

const providerNames: Record<string, string> = { anthropic: 'Anthropic', google: 'Google' };

function tallyOpenAi(request: OpenAiRequest, tally: Tally): void {
  const o200k = tally.tokenizer.encoding === 'o200k_base';
  addFraming(tally, request.messages);
  for (const message of request.messages) {
    const part: Part = message.role === 'system' || message.role === 'developer' ? 'system' : 'messages';
    if (message.name !== undefined) tally.addText(part, message.name);
    if (typeof message.content === 'string') tally.addText(part, message.content);
    else if (Array.isArray(message.content)) {
      for (const content of message.content) {
        if (content.type === 'text') tally.addText(part, content.text);
        else {
          const url = content.image_url.url;
          const data = /^data:image\/[\w.+-]+;base64,/.exec(url);
          addImage(tally, data ? inlineImageSize(url.slice(data[0].length)) : undefined, content.image_url.detail);
        }
      }
    }
    if (message.tool_calls?.length) {
      tally.approximateBecause(
        'Tool calls in assistant messages are counted by name and arguments; OpenAI documents no exact framing for them.',
      );
      for (const call of message.tool_calls) {
        tally.addText(part, call.function.name);
        tally.addText(part, call.function.arguments);
      }
    }
  }
  const functions = [...(request.tools ?? []).map((t) => t.function), ...(request.functions ?? [])];
  if (functions.length > 0) tallyOpenAiFunctions(functions, tally, o200k ? 7 : 10);
}

function addFraming(tally: Tally, messages: { role: string; name?: string }[]): void {
  const framing = messageFraming(tally.tokenizer, messages);
  tally.addFixed('overhead', framing.tokens, framing.least, framing.most);
  if (framing.note) tally.explain(framing.note);
}

// The cookbook's num_tokens_for_tools: per function a fixed start (7 for o200k models, 10 for cl100k), then
// "name:description", then per property "name:type:description" and its enum values, and 12 to close.
function tallyOpenAiFunctions(functions: z.infer<typeof openAiFunction>[], tally: Tally, functionStart: number): void {
  for (const fn of functions) {
    tally.addFixed('tools', functionStart);
    tally.addText('tools', `${fn.name}:${stripPeriod(fn.description ?? '')}`);
    const properties = (fn.parameters?.properties ?? {}) as Record<string, Record<string, unknown>>;
    const keys = Object.keys(properties);
    if (keys.length > 0) tally.addFixed('tools', 3);
    for (const key of keys) {
      const property = properties[key] ?? {};
      tally.addFixed('tools', 3);
      if (Array.isArray(property.enum)) {
        tally.addFixed('tools', -3);
        for (const item of property.enum) {
          tally.addFixed('tools', 3);
          tally.addText('tools', String(item));
        }
      }
      const type = typeof property.type === 'string' ? property.type : JSON.stringify(property.type ?? '');
      const description = typeof property.description === 'string' ? property.description : '';
      tally.addText('tools', `${key}:${type}:${stripPeriod(description)}`);
      if (type === 'object' || type === 'array' || property.anyOf || property.oneOf) {
        tally.addText(
          'tools',
          JSON.stringify(property.properties ?? property.items ?? property.anyOf ?? property.oneOf ?? ''),
        );
        tally.approximateBecause(
          'Nested tool parameters are outside the documented formula and are counted approximately.',
        );
      }
    }
  }
  tally.addFixed('tools', 12);
}

function stripPeriod(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

// Anthropic bills the system prompt, each message's text and images, tool definitions, and a hidden tool-use
// system prompt when tools are present (346 tokens with tool_choice auto for Claude 4.x / 3.7 Sonnet, per the
// tool-use pricing table). Message framing is not documented: see messageFraming.
const anthropicToolPrompt = 346;

function tallyAnthropic(request: AnthropicRequest, tally: Tally): void {
  if (typeof request.system === 'string') tally.addText('system', request.system);
  else for (const block of request.system ?? []) tally.addText('system', block.text);
  addFraming(tally, request.messages);
  for (const message of request.messages) {
    if (typeof message.content === 'string') {
      tally.addText('messages', message.content);
      continue;
    }
    for (const block of message.content) {
      if (block.type === 'text') tally.addText('messages', block.text);
      else if (block.type === 'image') addAnthropicImage(tally, block);
      else if (block.type === 'tool_use') tally.addText('messages', `${block.name} ${JSON.stringify(block.input)}`);
      else if (typeof block.content === 'string') tally.addText('messages', block.content);
      else
        for (const inner of block.content ?? []) {
          if (inner.type === 'text') tally.addText('messages', inner.text);
          else addAnthropicImage(tally, inner);
        }
    }
  }
  if (request.tools?.length) {
    tally.addFixed('tools', anthropicToolPrompt);
    for (const tool of request.tools) tally.addText('tools', JSON.stringify(tool));
  }
}

function addAnthropicImage(tally: Tally, block: z.infer<typeof anthropicImage>): void {
  addImage(tally, block.source.type === 'base64' ? inlineImageSize(block.source.data) : undefined, undefined);
}
