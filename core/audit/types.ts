import type { PartView, PromptEstimate } from '../estimate';
import type { ExtractedPrompt, TextRange, UnreadCall } from '../extract';
import type { ModelInfo } from '../models';
import type { Policy } from '../policy';
import type { Nanos } from '../pricing';
import type { Recommendation } from '../recommend';

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  range: TextRange;
  newText: string;
}

/** A mechanical change that resolves a finding; editors offer it as a Quick Fix. */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

export interface Finding {
  /** Stable kebab-case id; what policies and suppression comments name. */
  ruleId: string;
  severity: Severity;
  message: string;
  range: TextRange;
  /** Tokens at stake per call (wasted, or added in the worst case). */
  tokens?: number;
  /** What those tokens cost per month at the prompt's configured volume. */
  costPerMonth?: Nanos;
  fix?: Fix;
}

/** A prompt's numbers (core's estimatePrompt: count, output, volume, cost and where each comes from) and its audit. */
export interface PromptReport extends PromptEstimate {
  prompt: ExtractedPrompt;
  recommendation?: Recommendation;
  /** Why no smaller tier is recommended although one exists ("not sure: …"), for the faces to say so. */
  recommendationNotSure?: string;
  /**
   * The prompt's tokens on the models it is compared with (core's `comparedModels`) whose tokenizers count it
   * differently from its own model's; absent when every one counts it alike.
   */
  tokensByModel?: Record<string, number>;
  findings: Finding[];
  /** Efficiency 0–100; 100 means no finding and no wasted tokens. */
  score: number;
  scoreReasons: string[];
}

export interface FileAudit {
  file: string;
  prompts: PromptReport[];
  /** Every finding of the file, prompt findings included, in source order. */
  findings: Finding[];
  notices: string[];
  /** LLM calls seen whose prompt could not be read, so not priced (extraction's `unreadCalls`); absent when none. */
  unreadCalls?: UnreadCall[];
}

export type { PartView } from '../estimate';

/** Everything a rule needs about one prompt, computed once per prompt. */
export interface RuleContext {
  source: string;
  fileName: string;
  prompt: ExtractedPrompt;
  parts: PartView[];
  model: string;
  modelInfo?: ModelInfo;
  /** Tokens of the whole prompt with variables at their estimated sizes. */
  promptTokens: number;
  outputTokens: number;
  callsPerDay: number;
  recommendation?: Recommendation;
  policy: Policy;
  environment?: string;
  /** Tokens of a text for the prompt's model (estimated where the model has no public tokenizer). */
  count(text: string): number;
  /** Monthly cost of `tokens` input tokens sent with every call; undefined when the model has no price. */
  monthlyCostOf(tokens: number): Nanos | undefined;
  /** Monthly cost of the prompt when its first `staticPrefixTokens` tokens can be served from the prompt cache. */
  cachedMonthlyCost(staticPrefixTokens: number): Nanos;
  /** A range from source offsets. */
  range(start: number, end: number): TextRange;
  /** A source range for offsets into a part's text: exact when the text is verbatim, else the part's range. */
  partRange(view: PartView, start: number, end: number): TextRange;
  /** An edit replacing part-text offsets, only when the text is verbatim in the source (so the edit is exact). */
  partEdit(view: PartView, start: number, end: number, newText: string): TextEdit | undefined;
}

export type FindingDraft = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** One line for rule lists and SARIF. */
  summary: string;
  /** Whether its findings count as wasted tokens in the efficiency score. */
  waste: boolean;
  check(context: RuleContext): FindingDraft[];
}
