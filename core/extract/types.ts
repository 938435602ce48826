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

export type CallApi = 'openai.chat' | 'openai.responses' | 'anthropic.messages' | 'ai-sdk' | 'langchain';

export interface CallSite {
  api: CallApi;
  range: TextRange;
  model?: string;
  /** The model string literal's content, for a replace edit. */
  modelRange?: TextRange;
  maxTokens?: number;
  maxTokensRange?: TextRange;
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

export interface ExtractResult {
  prompts: ExtractedPrompt[];
  /** Problems worth telling the user (`could not parse: …`); extraction never throws on bad source. */
  notices: string[];
}
