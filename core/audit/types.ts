import type { ExtractedPrompt, PromptPart, TemplateVariable, TextRange } from '../extract';
import type { ModelInfo } from '../models';
import type { Policy } from '../policy';
import type { Nanos, PromptCostEstimate } from '../pricing';
import type { Recommendation } from '../recommend';
import type { TokenCount } from '../tokens';
import type { VolumeSource } from './volume';

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

export interface PromptReport {
  prompt: ExtractedPrompt;
  /** The model the prompt is costed for: the call site's, the prompt file's, else the policy's default. */
  model: string;
  /** Tokens of the prompt with template variables at their estimated sizes. */
  tokens: TokenCount;
  outputTokens: number;
  callsPerDay: number;
  /** Where callsPerDay comes from; only `observed` and `annotation` are facts, the rest are assumptions. */
  volumeSource: VolumeSource;
  /** Undefined when the model has no price (a notice says so). */
  cost?: PromptCostEstimate;
  recommendation?: Recommendation;
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
}

/** A prompt part as the rules see it: its text, and where that text sits verbatim in the source (if it does). */
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
