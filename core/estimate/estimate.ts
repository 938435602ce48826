// The one place a prompt becomes numbers: its token count (exact or estimated, with a band), the output it is
// assumed to produce, and its cost at its volume, each with where it came from. The audit (and through it the lenses,
// hovers, status bar, Problems panel, JSON and SARIF) and the CLI's count and cost all call it, so a prompt shows
// the same numbers in every face. See docs/counting-and-cost.md.
import {
  extractPromptFile,
  type ExtractedPrompt,
  type ExtractOptions,
  type PromptPart,
  type TemplateVariable,
} from '../extract';
import { callsPerDayEntry, defaultPolicy, outputTokensEntry, type Policy } from '../policy';
import { estimatePromptCost, type PromptCostEstimate } from '../pricing';
import {
  addCounts,
  addRawCount,
  countChatRequest,
  type ChatTokenCount,
  type KindCounts,
  messageFraming,
  noCounts,
  resolveTokenizer,
  scaleKindCounts,
  type TokenCount,
  type Tokenizer,
} from '../tokens';

/** The model prompts are costed for when neither the prompt, a setting nor the policy names one. */
export const fallbackModel = 'gpt-4o-mini';

/**
 * Where the model a prompt is priced with comes from. `code`, `file` and `request` name it in the prompt itself;
 * `option` is a model the user asked for explicitly (`tokenwise cost --model`). The rest are assumptions made for a
 * prompt whose model is unknown: `setting` (the editor's per-file model, `audit --model`), `policy-default` (the
 * policy's `defaultModel`, which the editor's `tokenwise.defaultModel` setting fills) and `built-in` (gpt-4o-mini).
 */
/**
 * `code-fallback`: the default the code gives an environment variable or option (`os.getenv("MODEL", "gpt-4o")`),
 * which runs unless the deployment sets another.
 */
export type ModelSource =
  | 'code'
  | 'code-fallback'
  | 'file'
  | 'request'
  | 'option'
  | 'setting'
  | 'policy-default'
  | 'built-in';

/** Where the expected output comes from: the call's cap, the prompt file's max tokens, an option, a `outputTokens`
 * entry of the policy, or the policy's default (the assumption when nothing says more). */
export type OutputSource = 'call' | 'file' | 'request' | 'option' | 'policy' | 'policy-default';

/** Where the calls per day come from: an option, a `volumes` entry of the policy, or its default (an assumption). */
/**
 * Where calls per day come from, first that knows wins: `option` (an explicit choice, `tokenwise cost --calls-per-day`),
 * `observed` (traffic a ledger has seen), `annotation` (a `tokenwise-volume:` comment), `policy` (a `volumes`
 * entry), `policy-default` (`defaultCallsPerDay`, which the editor setting and `--calls-per-day` of audit and diff
 * fill). Only observed and annotated volumes are facts about the prompt; the default is labelled an assumption.
 */
export type VolumeSource = 'option' | 'observed' | 'annotation' | 'policy' | 'policy-default';

/** A volume the prompt's traffic or code states. */
export interface KnownVolume {
  callsPerDay: number;
  source: 'observed' | 'annotation';
}

/** One line of a prompt's count: a role's messages, tool definitions, images, or the framing around messages. */
export interface CountPart {
  label: string;
  tokens: number;
  /** Of `tokens`, what template variables add at their estimated sizes. */
  variableTokens: number;
}

export interface PromptEstimate {
  /** The model the prompt is counted and priced for. */
  model: string;
  modelSource: ModelSource;
  /** The prompt does not name its model: `model` is an assumption, and every face says so. */
  modelAssumed: boolean;
  /** Input tokens per call, with template variables at their estimated sizes; equal to the sum of `parts`. */
  tokens: TokenCount;
  /** The count line by line; message framing is its own line (`overhead`). */
  parts: CountPart[];
  outputTokens: number;
  outputSource: OutputSource;
  callsPerDay: number;
  volumeSource: VolumeSource;
  /** Tokens of the parts before the first one holding a variable: the same on every call, so a provider can cache them. */
  staticPrefixTokens: number;
  /** For a request: the shape it was read in. */
  requestShape?: ChatTokenCount['shape'];
  /** Undefined when the model has no price (`unpriced` says why). */
  cost?: PromptCostEstimate;
  unpriced?: string;
}

export interface EstimateOptions {
  policy?: Policy;
  /** Model for every prompt, whatever it names (an explicit choice: `tokenwise cost --model`). */
  model?: string;
  /** Model for prompts that name none (the editor's per-file model, `tokenwise audit --model`). */
  defaultModel?: string;
  /** The price data's provider of `model`, for a model several hosts serve. */
  provider?: string;
  outputTokens?: number;
  callsPerDay?: number;
  /** The prompt's observed or annotated volume, which wins over the policy's. */
  knownVolume?: KnownVolume;
  /** Tokens at the start of the prompt that are the same on every call, when the caller knows better than the parts. */
  staticPrefixTokens?: number;
  /** Path the policy's globs are matched against (the prompt's file by default). */
  fileName?: string;
}

/** A prompt part's text with its template variables taken out, and where it sits verbatim in the source (if it does). */
export interface PartView {
  part: PromptPart;
  /** Offset in the source of the part text's first character, when the source holds the text verbatim. */
  sourceStart?: number;
  /** Where each template variable sits in the part's text, in order (variables not found in the text are left out). */
  placements: VariablePlacement[];
}

export interface VariablePlacement {
  variable: TemplateVariable;
  start: number;
  end: number;
}

/**
 * The model a prompt is priced with, and where it comes from. The prompt's own model is the call site's literal
 * (`code`) or the prompt file's front matter (`file`); without one the model is unknown, and an assumed one is used.
 */
export function modelOf(prompt: NamingPrompt, options: EstimateOptions = {}): { model: string; source: ModelSource } {
  if (options.model) return { model: options.model, source: 'option' };
  const named = namedModel(prompt);
  if (named) return named;
  return assumedModel(options);
}

/** The model the prompt itself names, if it names one. */
export function namedModel(prompt: NamingPrompt): { model: string; source: ModelSource } | undefined {
  const code: ModelSource = prompt.modelSource === 'fallback' ? 'code-fallback' : 'code';
  if (prompt.callSite?.model) return { model: prompt.callSite.model, source: code };
  if (prompt.model) return { model: prompt.model, source: prompt.kind === 'file' ? 'file' : code };
  return undefined;
}

/** What of a prompt says which model it names: extraction's resolution is optional for prompts built by hand. */
type NamingPrompt = Pick<ExtractedPrompt, 'kind' | 'model' | 'callSite'> &
  Partial<Pick<ExtractedPrompt, 'modelSource'>>;

function assumedModel(options: EstimateOptions): { model: string; source: ModelSource } {
  if (options.defaultModel) return { model: options.defaultModel, source: 'setting' };
  const policyModel = (options.policy ?? defaultPolicy).defaultModel;
  if (policyModel) return { model: policyModel, source: 'policy-default' };
  return { model: fallbackModel, source: 'built-in' };
}

/** Sources that name the prompt's model rather than assume it. */
const namedSources: ReadonlySet<ModelSource> = new Set(['code', 'code-fallback', 'file', 'request', 'option']);

export function isAssumedModel(source: ModelSource): boolean {
  return !namedSources.has(source);
}

/** Where each part's text sits in the source, and where its variables sit in the text. */
export function partViews(prompt: ExtractedPrompt, source: string): PartView[] {
  return prompt.parts.map((part) => partView(part, source));
}

function partView(part: PromptPart, source: string): PartView {
  const verbatim = source.slice(part.range.start, part.range.end) === part.text;
  const sourceStart = verbatim ? part.range.start : undefined;
  const placements: VariablePlacement[] = [];
  let from = 0;
  for (const variable of [...part.variables].sort((a, b) => a.range.start - b.range.start)) {
    const written = source.slice(variable.range.start, variable.range.end);
    const start = sourceStart !== undefined ? variable.range.start - sourceStart : part.text.indexOf(written, from);
    if (
      start < from ||
      start + written.length > part.text.length ||
      part.text.slice(start, start + written.length) !== written
    )
      continue;
    placements.push({ variable, start, end: start + written.length });
    from = start + written.length;
  }
  return { part, sourceStart, placements };
}

/** The part's text without its template variables (they are counted at their estimated sizes instead). */
export function staticTextOf(view: PartView): string {
  let text = '';
  let at = 0;
  for (const placement of view.placements) {
    text += view.part.text.slice(at, placement.start);
    at = placement.end;
  }
  return text + view.part.text.slice(at);
}

/** A variable's tokens: a policy sample counted with the prompt's model (`count`), else the size extraction assumed. */
export function variableTokens(variable: TemplateVariable, count: (text: string) => number): number {
  return variable.sample === undefined ? variable.estimatedTokens : count(variable.sample);
}

/**
 * A prompt as extraction found it (`source` is the file it was found in), counted and priced. The static text of
 * its parts is counted per line (system, messages, prompt) and its variables added at their estimated sizes; a
 * whole request (a call, a prompt file) also carries the provider's message framing, as its own line. The total is
 * the sum of the lines. `views`: the parts' views when the caller has them already (the audit's rules use them).
 */
export function estimatePrompt(
  prompt: ExtractedPrompt,
  source: string,
  options: EstimateOptions = {},
  views = partViews(prompt, source),
): PromptEstimate {
  const policy = options.policy ?? defaultPolicy;
  const { model, source: modelSource } = modelOf(prompt, options);
  const tokenizer = resolveTokenizer(model, { fallback: 'estimate' });
  // Lines as a request's count has them (system, messages), each scaled once, so a prompt and the request it
  // makes get the same numbers; a template that is not split into messages is one line.
  const raw = new Map<string, { text: KindCounts; variables: number }>();
  const staticPrefixRaw = noCounts();
  let prefixOpen = true;
  for (const view of views) {
    const label = lineOf(view.part.role);
    const line = raw.get(label) ?? { text: noCounts(), variables: 0 };
    const text = addRawCount(tokenizer, staticTextOf(view));
    addCounts(line.text, text);
    line.variables += view.part.variables.reduce(
      (sum, variable) =>
        sum + variableTokens(variable, (sample) => scaleKindCounts(addRawCount(tokenizer, sample), tokenizer).tokens),
      0,
    );
    raw.set(label, line);
    if (view.part.variables.length > 0) prefixOpen = false;
    if (prefixOpen) addCounts(staticPrefixRaw, text);
  }
  const lines = new Map<string, CountPart>();
  let low = 0;
  let high = 0;
  for (const [label, line] of raw) {
    const scaled = scaleKindCounts(line.text, tokenizer);
    lines.set(label, { label, tokens: scaled.tokens + line.variables, variableTokens: line.variables });
    low += scaled.low + line.variables;
    high += scaled.high + line.variables;
  }
  const staticPrefixTokens = scaleKindCounts(staticPrefixRaw, tokenizer).tokens;
  const notes = tokenizer.note ? [tokenizer.note] : [];
  // A bound prompt is a piece of a request, not a request: only calls and prompt files are framed as messages.
  if (prompt.kind !== 'binding' && prompt.parts.length > 0) {
    // Anthropic's Messages API takes the system prompt beside the messages, not as one of them.
    const messages =
      prompt.callSite?.api === 'anthropic.messages'
        ? prompt.parts.filter((part) => part.role !== 'system')
        : prompt.parts;
    const framing = messageFraming(
      tokenizer,
      messages.map((part) => ({ role: part.role === 'template' ? 'user' : part.role })),
    );
    if (framing.tokens > 0) lines.set('overhead', { label: 'overhead', tokens: framing.tokens, variableTokens: 0 });
    low += framing.least;
    high += framing.most;
    if (framing.note) notes.push(framing.note);
  }
  const parts = [...lines.values()];
  const total = parts.reduce((sum, line) => sum + line.tokens, 0);
  const tokens = countOf(tokenizer, total, low, high, notes);
  const fileName = options.fileName ?? prompt.file;
  const output = outputOf(prompt, policy, fileName, options);
  const volume = volumeOf(policy, fileName, prompt.name, options);
  const estimate: PromptEstimate = {
    model,
    modelSource,
    modelAssumed: isAssumedModel(modelSource),
    tokens,
    parts,
    outputTokens: output.tokens,
    outputSource: output.source,
    callsPerDay: volume.callsPerDay,
    volumeSource: volume.source,
    staticPrefixTokens: options.staticPrefixTokens ?? staticPrefixTokens,
  };
  return priced(estimate, policy, options.provider);
}

/** The line of a request's count a message of this role falls in. */
function lineOf(role: PromptPart['role']): string {
  if (role === 'system' || role === 'developer') return 'system';
  return role === 'template' ? 'prompt' : 'messages';
}

function countOf(tokenizer: Tokenizer, tokens: number, low: number, high: number, notes: string[]): TokenCount {
  const note = notes.join(' ');
  const exact = tokenizer.exact && low === tokens && high === tokens;
  return { tokens, exact, low, high, encoding: tokenizer.encoding, model: tokenizer.model, ...(note ? { note } : {}) };
}

function outputOf(
  prompt: ExtractedPrompt,
  policy: Policy,
  fileName: string,
  options: EstimateOptions,
): { tokens: number; source: OutputSource } {
  if (options.outputTokens === undefined) {
    if (prompt.callSite?.maxTokens !== undefined) return { tokens: prompt.callSite.maxTokens, source: 'call' };
    if (prompt.maxTokens !== undefined)
      return { tokens: prompt.maxTokens, source: prompt.kind === 'file' ? 'file' : 'call' };
  }
  return outputFromPolicy(policy, fileName, prompt.name, options);
}

function outputFromPolicy(
  policy: Policy,
  fileName: string,
  promptName: string | undefined,
  options: EstimateOptions,
): { tokens: number; source: OutputSource } {
  if (options.outputTokens !== undefined) return { tokens: options.outputTokens, source: 'option' };
  const entry = outputTokensEntry(policy, fileName, promptName);
  return entry
    ? { tokens: entry.tokens, source: 'policy' }
    : { tokens: policy.defaultOutputTokens, source: 'policy-default' };
}

function volumeOf(
  policy: Policy,
  fileName: string,
  promptName: string | undefined,
  options: EstimateOptions,
): { callsPerDay: number; source: VolumeSource } {
  if (options.callsPerDay !== undefined) return { callsPerDay: options.callsPerDay, source: 'option' };
  if (options.knownVolume) return options.knownVolume;
  const entry = callsPerDayEntry(policy, fileName, promptName);
  return entry
    ? { callsPerDay: entry.callsPerDay, source: 'policy' }
    : { callsPerDay: policy.defaultCallsPerDay, source: 'policy-default' };
}

function priced(estimate: PromptEstimate, policy: Policy, provider?: string): PromptEstimate {
  try {
    estimate.cost = estimatePromptCost({
      model: estimate.model,
      provider,
      promptTokens: estimate.tokens.tokens,
      outputTokens: estimate.outputTokens,
      callsPerDay: estimate.callsPerDay,
      staticPrefixTokens: estimate.staticPrefixTokens,
      customModels: policy.customModels,
    });
  } catch (error) {
    estimate.unpriced = error instanceof Error ? error.message : String(error);
  }
  return estimate;
}

/**
 * A whole file read as one prompt (a prompt file, or any text given to `tokenwise cost`): its front matter is read
 * for the model and max tokens and never counted as prompt text.
 */
export function estimateFile(text: string, fileName: string, options: EstimateOptions = {}): PromptEstimate {
  const policy = options.policy ?? defaultPolicy;
  const extractOptions: ExtractOptions = { promptGlobs: policy.promptFiles, variableSizes: policy.variables };
  const prompt = extractPromptFile(text, fileName, extractOptions);
  return estimatePrompt(prompt, text, options);
}

/**
 * A chat request in OpenAI or Anthropic shape, counted as the provider bills it (framing, tools, images) and priced
 * with the request's `max_tokens` (or `max_completion_tokens`) as its output when it sets one. Throws
 * ChatRequestError for a malformed request.
 */
export function estimateRequest(request: unknown, options: EstimateOptions & { fileName: string }): PromptEstimate {
  const policy = options.policy ?? defaultPolicy;
  const fields = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
  const own = typeof fields.model === 'string' && fields.model !== '' ? fields.model : undefined;
  const chosen = options.model
    ? { model: options.model, source: 'option' as const }
    : own
      ? { model: own, source: 'request' as const }
      : assumedModel(options);
  const counted = countChatRequest(request, chosen.model, { fallback: 'estimate' });
  const parts = Object.entries(counted.parts)
    .filter(([, part]) => part.tokens !== 0)
    .map(([label, part]) => ({ label, tokens: part.tokens, variableTokens: 0 }));
  const cap = [fields.max_tokens, fields.max_completion_tokens, fields.max_output_tokens].find(
    (value): value is number => Number.isSafeInteger(value) && (value as number) > 0,
  );
  const output =
    cap !== undefined && options.outputTokens === undefined
      ? { tokens: cap, source: 'request' as const }
      : outputFromPolicy(policy, options.fileName, undefined, options);
  const volume = volumeOf(policy, options.fileName, undefined, options);
  return priced(
    {
      model: chosen.model,
      modelSource: chosen.source,
      modelAssumed: isAssumedModel(chosen.source),
      tokens: counted.total,
      parts,
      requestShape: counted.shape,
      outputTokens: output.tokens,
      outputSource: output.source,
      callsPerDay: volume.callsPerDay,
      volumeSource: volume.source,
      staticPrefixTokens: options.staticPrefixTokens ?? 0,
    },
    policy,
    options.provider,
  );
}
