// Audits the prompts of one file: extraction, token count and cost at the configured volume, tier recommendation,
// every rule of the table, inline suppressions and the efficiency score. Pure: the caller reads files.
import { extractPrompts, LineIndex, type ExtractedPrompt, type ExtractResult } from '../extract';
import { findModel } from '../models';
import { defaultPolicy, outputTokensFor, ruleSeverity, type Policy } from '../policy';
import { estimatePromptCost } from '../pricing';
import { recommendModel } from '../recommend';
import { getEncoding, resolveTokenizer, scaleCount, type TokenCount } from '../tokens';
import { rules } from './rules';
import { scorePrompt } from './score';
import { parseSuppressions, type Suppressions } from './suppression';
import { parseVolumeAnnotations, volumeFor, type VolumeAnnotations, type VolumeLookup } from './volume';
import type { FileAudit, Finding, PartView, PromptReport, RuleContext, VariablePlacement } from './types';

/** The model prompts are costed for when neither the call site, the prompt file nor the policy names one. */
export const fallbackModel = 'gpt-4o-mini';

export interface AuditOptions {
  policy?: Policy;
  /** Environment whose approved-model list applies (`default` when unset). */
  environment?: string;
  /** Model for prompts whose call site names none; overrides the policy's default model. */
  model?: string;
  /** Calls per day for prompts that no observation, annotation or policy entry sets (instead of the policy's
   * `defaultCallsPerDay`). */
  callsPerDay?: number;
  /** Observed calls per day by prompt id; they win over every other volume source. */
  volumes?: VolumeLookup;
}

const wasteRules = new Set(rules.filter((rule) => rule.waste).map((rule) => rule.id));

export function auditText(text: string, fileName: string, options: AuditOptions = {}): FileAudit {
  const policy = options.policy ?? defaultPolicy;
  return auditExtracted(text, fileName, extractPrompts(text, fileName, { promptGlobs: policy.promptFiles, variableSizes: policy.variables }), options);
}

/** The audit of prompts already extracted from `text` (an editor that extracts for its lenses audits the same). */
export function auditExtracted(text: string, fileName: string, extracted: ExtractResult, options: AuditOptions = {}): FileAudit {
  const policy = options.policy ?? defaultPolicy;
  const notices = [...extracted.notices];
  if (extracted.prompts.length === 0) return { file: fileName, prompts: [], findings: [], notices };
  const lines = new LineIndex(text);
  const suppressions = parseSuppressions(text, lines);
  const annotations = parseVolumeAnnotations(text, lines, extracted.prompts.every((prompt) => prompt.kind === 'file'));
  const prompts = extracted.prompts.map((prompt) => auditPrompt(prompt, text, fileName, lines, suppressions, annotations, policy, options, notices));
  const seen = new Set<string>();
  const findings = prompts
    .flatMap((report) => report.findings)
    .filter((finding) => {
      // Two prompts can share a call site (a bound system prompt and the call that sends it): report once.
      const key = `${finding.ruleId}:${finding.range.start}:${finding.range.end}:${finding.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort((a, b) => a.range.start - b.range.start);
  return { file: fileName, prompts, findings, notices: [...new Set(notices)] };
}

function auditPrompt(
  prompt: ExtractedPrompt,
  source: string,
  fileName: string,
  lines: LineIndex,
  suppressions: Suppressions,
  annotations: VolumeAnnotations,
  policy: Policy,
  options: AuditOptions,
  notices: string[],
): PromptReport {
  const model = prompt.callSite?.model ?? prompt.model ?? options.model ?? policy.defaultModel ?? fallbackModel;
  // Resolved once per prompt: the rules count many small pieces of text.
  const tokenizer = resolveTokenizer(model, { fallback: 'estimate' });
  const encoding = getEncoding(tokenizer.encoding);
  const count = (value: string): number => scaleCount(encoding.count(value), tokenizer).tokens;
  const parts = prompt.parts.map((part) => partView(part, source));

  const staticText = parts.map((view) => staticTextOf(view)).join('\n');
  const variableTokens = prompt.parts.reduce((sum, part) => sum + part.variables.reduce((s, v) => s + v.estimatedTokens, 0), 0);
  const counted = scaleCount(encoding.count(staticText), tokenizer);
  const tokens: TokenCount = { ...counted, tokens: counted.tokens + variableTokens, low: counted.low + variableTokens, high: counted.high + variableTokens };
  const promptTokens = tokens.tokens;
  const outputTokens = prompt.callSite?.maxTokens ?? prompt.maxTokens ?? outputTokensFor(policy, fileName, prompt.name);
  const volume = volumeFor(prompt, fileName, policy, annotations, options);
  const callsPerDay = volume.callsPerDay;

  const estimate = (input: number, output: number, staticPrefixTokens?: number) =>
    estimatePromptCost({ model, promptTokens: input, outputTokens: output, callsPerDay, staticPrefixTokens, customModels: policy.customModels });
  let cost: PromptReport['cost'];
  try {
    cost = estimate(promptTokens, outputTokens);
  } catch (error) {
    notices.push(`${fileName}: no price for ${model} (${error instanceof Error ? error.message : String(error)}); its prompts are not costed.`);
  }
  const recommendation = cost
    ? recommendModel({ promptText: staticText, promptTokens, outputTokens, model, callsPerDay, callSite: prompt.callSite, policy, environment: options.environment })
    : undefined;

  const context: RuleContext = {
    source,
    fileName,
    prompt,
    parts,
    model,
    modelInfo: findModel(model),
    promptTokens,
    outputTokens,
    callsPerDay,
    recommendation,
    policy,
    environment: options.environment,
    count,
    monthlyCostOf: (input) => (cost ? Math.round(inputCostPerToken(policy, model, callsPerDay) * input) : undefined),
    cachedMonthlyCost: (prefix) => {
      const withPrefix = cost && estimate(promptTokens, outputTokens, prefix);
      return withPrefix ? (withPrefix.withCaching?.perMonth ?? withPrefix.perMonth) : 0;
    },
    range: (start, end) => lines.range(start, end),
    partRange: (view, start, end) =>
      view.sourceStart === undefined ? view.part.range : lines.range(view.sourceStart + start, view.sourceStart + end),
    partEdit: (view, start, end, newText) =>
      view.sourceStart === undefined ? undefined : { range: lines.range(view.sourceStart + start, view.sourceStart + end), newText },
  };

  const findings: Finding[] = [];
  for (const rule of rules) {
    if (ruleSeverity(policy, rule.id, rule.defaultSeverity) === 'off') continue;
    for (const draft of rule.check(context)) {
      const severity = ruleSeverity(policy, rule.id, draft.severity ?? rule.defaultSeverity);
      if (severity === 'off') continue;
      const finding: Finding = { ...draft, ruleId: rule.id, severity };
      if (finding.fix === undefined) delete finding.fix;
      const anchorLines = [finding.range.startLine, prompt.range.startLine, prompt.callSite?.range.startLine ?? -1];
      if (!suppressions.covers(rule.id, anchorLines)) findings.push(finding);
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start);
  const { score, reasons } = scorePrompt(findings, promptTokens, (id) => wasteRules.has(id));
  return { prompt, model, tokens, outputTokens, callsPerDay, volumeSource: volume.source, cost, recommendation, findings, score, scoreReasons: reasons };
}

/** Where the part's text sits verbatim in the source, and where its variables sit in the text. */
function partView(part: ExtractedPrompt['parts'][number], source: string): PartView {
  const verbatim = source.slice(part.range.start, part.range.end) === part.text;
  const sourceStart = verbatim ? part.range.start : undefined;
  const placements: VariablePlacement[] = [];
  let from = 0;
  for (const variable of [...part.variables].sort((a, b) => a.range.start - b.range.start)) {
    const written = source.slice(variable.range.start, variable.range.end);
    const start = sourceStart !== undefined ? variable.range.start - sourceStart : part.text.indexOf(written, from);
    if (start < from || start + written.length > part.text.length || part.text.slice(start, start + written.length) !== written) continue;
    placements.push({ variable, start, end: start + written.length });
    from = start + written.length;
  }
  return { part, sourceStart, placements };
}

function staticTextOf(view: PartView): string {
  let text = '';
  let at = 0;
  for (const placement of view.placements) {
    text += view.part.text.slice(at, placement.start);
    at = placement.end;
  }
  return text + view.part.text.slice(at);
}

// What one input token per call costs per month, by policy, model and volume: the rules price the tokens of each
// finding with it, so it is worth computing once rather than through the price engine for every finding.
const unitCosts = new WeakMap<Policy, Map<string, number>>();
const unitTokens = 1_000_000;

function inputCostPerToken(policy: Policy, model: string, callsPerDay: number): number {
  let byModel = unitCosts.get(policy);
  if (!byModel) unitCosts.set(policy, (byModel = new Map()));
  const key = `${model}\n${callsPerDay}`;
  let unit = byModel.get(key);
  if (unit === undefined) {
    unit = estimatePromptCost({ model, promptTokens: unitTokens, outputTokens: 0, callsPerDay, customModels: policy.customModels }).perMonth / unitTokens;
    byModel.set(key, unit);
  }
  return unit;
}
