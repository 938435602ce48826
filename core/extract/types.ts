// The shape of what prompt extraction finds. The audit, the CLI and the editor lenses all read it, so names are stable.

/** UTF-16 offsets into the file text (`end` exclusive) and 0-based line/character, as an editor's positionAt gives. */
export interface TextRange {
  start: number;
  end: number;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export type PromptRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'template';

export type VariableSyntax = 'js' | 'fstring' | 'format' | 'mustache' | 'jinja' | 'liquid' | 'langchain';

export interface TemplateVariable {
  /** The variable as written, reduced to a name or dotted path (`history`, `user.name`). */
  name: string;
  syntax: VariableSyntax;
  range: TextRange;
  /** Tokens the variable adds to each call; see `variableSize` for where the number comes from. */
  estimatedTokens: number;
  /** Grows without a visible bound (chat history, retrieved documents…) and no policy cap. */
  unbounded: boolean;
  sizeSource: 'sample' | 'policy' | 'default';
  /** The sample value that sized it (sizeSource 'sample'): counting knows the model and counts the sample itself. */
  sample?: string;
  /** Inside a template loop, or the collection a loop runs over. */
  inLoop?: boolean;
}

export interface PromptPart {
  role: PromptRole;
  /** The static text with escapes decoded; variables kept in their source syntax (`${question}`, `{history}`). */
  text: string;
  /** Where the text sits: the literal's content, without quotes (several literals when concatenated). */
  range: TextRange;
  variables: TemplateVariable[];
  /** One message of a static example user/assistant pair. */
  fewShot?: boolean;
}

/** `openai.chat` also covers LiteLLM's `completion` and Azure OpenAI (same request shape); `langchain` covers prompt
 * templates and a chat model's `invoke`/`stream`. */
export type CallApi =
  | 'openai.chat'
  | 'openai.responses'
  | 'anthropic.messages'
  | 'google.genai'
  | 'ai-sdk'
  | 'langchain';

/**
 * How the model of a prompt was found, for labelling a cost as resting on an assumed model:
 * - `literal`: written as a string in the call or the prompt file's front matter;
 * - `resolved`: read by following same-file constants, defaults of parameters, member paths of object literals
 *   (`config.model`, `self.model`) or a provider function (`openai('gpt-4o')`);
 * - `fallback`: the default of an environment variable or option (`process.env.MODEL ?? 'gpt-4o'`,
 *   `os.getenv("MODEL", "gpt-4o")`): what runs unless the deployment sets it, so a likely but not certain model;
 * - `unknown`: no model could be read statically (a parameter, an env var without default, another module, or a
 *   prompt with no call site at all). `model` is then unset and any price rests on an assumed model.
 */
export type ModelResolution = 'literal' | 'resolved' | 'fallback' | 'unknown';

/** Whether and how a call caps its output: `literal` (a number, in `maxTokens`), `expression` (a cap set by a run-time
 * value, or possibly set by a spread, a nested settings object or the client's defaults: not reported as missing),
 * `none` (no cap in any form visible). */
export type OutputCap = 'literal' | 'expression' | 'none';

export interface CallSite {
  api: CallApi;
  range: TextRange;
  model?: string;
  /** The model string literal's content, for a replace edit. */
  modelRange?: TextRange;
  maxTokens?: number;
  maxTokensRange?: TextRange;
  outputCap: OutputCap;
  usesTools: boolean;
  jsonMode: boolean;
  hasImages: boolean;
  /** Set when the call runs inside a loop or a retry helper; bounded when a counter or limit is visible. */
  retry?: { bounded: boolean; range: TextRange };
  /** The call's arguments, without the parentheses: where an output cap could be inserted. */
  argumentsRange: TextRange;
}

export interface ExtractedPrompt {
  /** Stable within a file while the code around it keeps its shape: `${kind}:${name or api}:${ordinal}`. */
  id: string;
  /** Stable and readable across the repository: `src/triage.ts#triageTicket`, a prompt file's front-matter `name`.
   * Unchanged by edits that keep the prompt in its function (or variable) and file; see identity.ts. */
  promptId: string;
  file: string;
  language: string;
  kind: 'call' | 'binding' | 'file';
  name?: string;
  range: TextRange;
  parts: PromptPart[];
  callSite?: CallSite;
  model?: string;
  /** How `model` was found; `unknown` when it is unset. See ModelResolution. */
  modelSource: ModelResolution;
  /** Where a prompt file's front matter names the model: the id alone (`gpt-4o` of `openai/gpt-4o`), for a replace
   * edit. Calls have theirs in `callSite.modelRange`. */
  modelRange?: TextRange;
  maxTokens?: number;
}

export interface VariableSizeHint {
  maxTokens?: number;
  sample?: string;
}

export interface ExtractOptions {
  /** Extra path globs of whole-file prompts (the policy's `promptFiles`). */
  promptGlobs?: string[];
  /** Sizes of template variables by name (the policy's samples and caps). */
  variableSizes?: Record<string, VariableSizeHint>;
  /** Tokens assumed for a variable with no sample and no cap; DEFAULT_VARIABLE_TOKENS when unset. */
  defaultVariableTokens?: number;
}

/** A call site that is an LLM call by its shape but whose prompt cannot be read statically (`create(params)`,
 * `create(**kwargs)`): reported so that a user knows what the audit did not price. */
export interface UnreadCall {
  api: CallApi;
  range: TextRange;
  reason: string;
}

export interface ExtractResult {
  prompts: ExtractedPrompt[];
  /** LLM calls seen whose prompt could not be read. */
  unreadCalls: UnreadCall[];
  /** Problems worth telling the user (`could not parse: …`); extraction never throws on bad source. */
  notices: string[];
}
