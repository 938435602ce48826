// Audits the prompts of one file: extraction, token count and cost at the configured volume, tier recommendation,
// every rule of the table, inline suppressions and the efficiency score. Pure: the caller reads files.
import { extractPrompts, LineIndex, type ExtractedPrompt, type ExtractResult } from '../extract';
import { comparedModels, findModel } from '../models';
import { assumedModelLabel, estimatePrompt, partViews, staticTextOf } from '../estimate';
import { defaultEnvironment, defaultPolicy, ruleSeverity, type Policy } from '../policy';
import { estimatePromptCost } from '../pricing';
import { recommendModel } from '../recommend';
import { addRawCount, countsAlike, resolveTokenizer, scaleKindCounts, type Tokenizer } from '../tokens';
import { rules } from './rules';
import { scorePrompt } from './score';
import { parseSuppressions, type Suppressions } from './suppression';
import { knownVolumeOf, parseVolumeAnnotations, type VolumeAnnotations, type VolumeLookup } from './volume';
import type { FileAudit, Finding, PromptReport, RuleContext } from './types';

export interface AuditOptions {
  policy?: Policy;
  /** Environment whose approved-model list applies to the rules and the recommendation (`default` when unset). */
  environment?: string;
  /** Model for prompts that name none; overrides the policy's default model (and is labelled assumed all the same). */
  model?: string;
  /** Observed calls per day by prompt id; with `tokenwise-volume` annotations, they win over the policy's volumes. */
  volumes?: VolumeLookup;
}

const wasteRules = new Set(rules.filter((rule) => rule.waste).map((rule) => rule.id));

export function auditText(text: string, fileName: string, options: AuditOptions = {}): FileAudit {
  const policy = options.policy ?? defaultPolicy;
  return auditExtracted(
    text,
    fileName,
    extractPrompts(text, fileName, { promptGlobs: policy.promptFiles, variableSizes: policy.variables }),
    options,
  );
}

/** The audit of prompts already extracted from `text` (an editor that extracts for its lenses audits the same). */
export function auditExtracted(
  text: string,
  fileName: string,
  extracted: ExtractResult,
  options: AuditOptions = {},
): FileAudit {
  const policy = options.policy ?? defaultPolicy;
  // One environment for every rule and the recommendation: the one named, else `default`.
  options = { ...options, environment: options.environment ?? defaultEnvironment };
  const notices = [...extracted.notices];
  // Only when there are some, so a file's audit keeps its shape otherwise.
  const unread = extracted.unreadCalls.length > 0 ? { unreadCalls: extracted.unreadCalls } : {};
  if (extracted.prompts.length === 0) return { file: fileName, prompts: [], findings: [], notices, ...unread };
  const lines = new LineIndex(text);
  const suppressions = parseSuppressions(text, lines);
  const annotations = parseVolumeAnnotations(
    text,
    lines,
    extracted.prompts.every((prompt) => prompt.kind === 'file'),
  );
  const prompts = extracted.prompts.map((prompt) =>
    auditPrompt(prompt, text, fileName, lines, suppressions, annotations, policy, options, notices),
  );
  const seen = new Set<string>();
  const findings = prompts
    .flatMap((report) => report.findings)
    .filter((finding) => {
      // Two prompts can share a call site (a bound system prompt and the call that sends it): report once.
      const key = `${finding.ruleId}:${finding.range.start}:${finding.range.end}:${finding.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort((a, b) => a.range.start - b.range.start);
  return { file: fileName, prompts, findings, notices: [...new Set(notices)], ...unread };
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
  const parts = partViews(prompt, source);
  const knownVolume = knownVolumeOf(prompt, annotations, options.volumes);
  const estimate = estimatePrompt(
    prompt,
    source,
    { policy, defaultModel: options.model, fileName, ...(knownVolume ? { knownVolume } : {}) },
    parts,
  );
  const { model, outputTokens, callsPerDay, cost } = estimate;
  const promptTokens = estimate.tokens.tokens;
  // Resolved once per prompt: the rules count many small pieces of text.
  const tokenizer = resolveTokenizer(model, { fallback: 'estimate' });
  const count = (value: string): number => scaleKindCounts(addRawCount(tokenizer, value), tokenizer).tokens;
  if (estimate.unpriced)
    notices.push(`${fileName}: no price for ${model} (${estimate.unpriced}); its prompts are not costed.`);
  // The prompt on another model: counted anew only for a tokenizer that counts differently (once each).
  const counted: Array<{ tokenizer: Tokenizer; tokens: number }> = [{ tokenizer, tokens: promptTokens }];
  const tokensOn = (other: string): number => {
    const theirs = resolveTokenizer(other, { fallback: 'estimate' });
    let known = counted.find((entry) => countsAlike(entry.tokenizer, theirs));
    if (!known) {
      const recount = estimatePrompt(prompt, source, { policy, model: other, fileName }, parts);
      counted.push((known = { tokenizer: theirs, tokens: recount.tokens.tokens }));
    }
    return known.tokens;
  };
  const staticText = parts.map((view) => staticTextOf(view)).join('\n');
  const estimateCost = (staticPrefixTokens: number) =>
    estimatePromptCost({
      model,
      promptTokens,
      outputTokens,
      callsPerDay,
      staticPrefixTokens,
      customModels: policy.customModels,
    });
  // A cheaper model for a model the code may not use is no advice: a prompt priced with an assumed model gets none.
  const advice = estimate.modelAssumed
    ? { notSure: 'not sure: the prompt names no model, so its cost rests on an assumed one' }
    : cost
      ? recommendModel({
          promptText: staticText,
          promptTokens,
          promptTokensOn: tokensOn,
          outputTokens,
          model,
          callsPerDay,
          callSite: prompt.callSite,
          policy,
          environment: options.environment,
        })
      : {};
  const recommendation = advice.recommendation;

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
      const withPrefix = cost && estimateCost(prefix);
      return withPrefix ? (withPrefix.withCaching?.perMonth ?? withPrefix.perMonth) : 0;
    },
    range: (start, end) => lines.range(start, end),
    partRange: (view, start, end) =>
      view.sourceStart === undefined ? view.part.range : lines.range(view.sourceStart + start, view.sourceStart + end),
    partEdit: (view, start, end, newText) =>
      view.sourceStart === undefined
        ? undefined
        : { range: lines.range(view.sourceStart + start, view.sourceStart + end), newText },
  };

  const findings: Finding[] = [];
  for (const rule of rules) {
    if (ruleSeverity(policy, rule.id, rule.defaultSeverity) === 'off') continue;
    for (const draft of rule.check(context)) {
      const severity = ruleSeverity(policy, rule.id, draft.severity ?? rule.defaultSeverity);
      if (severity === 'off') continue;
      const finding: Finding = { ...draft, ruleId: rule.id, severity };
      if (finding.fix === undefined) delete finding.fix;
      // An amount priced with a model the prompt does not name says so wherever the finding is shown.
      if (estimate.modelAssumed && finding.costPerMonth !== undefined)
        finding.message += ` (priced as ${assumedModelLabel(model)})`;
      const anchorLines = [finding.range.startLine, prompt.range.startLine, prompt.callSite?.range.startLine ?? -1];
      if (!suppressions.covers(rule.id, anchorLines)) findings.push(finding);
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start);
  const { score, reasons } = scorePrompt(findings, promptTokens, (id) => wasteRules.has(id));
  const report: PromptReport = { ...estimate, prompt, recommendation, findings, score, scoreReasons: reasons };
  if (advice.notSure) report.recommendationNotSure = advice.notSure;
  const compared = comparedModels(model, recommendation ? [recommendation.model] : [], policy.customModels);
  const differing = compared.flatMap((info) => {
    const tokens = tokensOn(info.id);
    return tokens === promptTokens ? [] : [[info.id, tokens]];
  });
  if (differing.length) report.tokensByModel = Object.fromEntries(differing);
  return report;
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
    unit =
      estimatePromptCost({
        model,
        promptTokens: unitTokens,
        outputTokens: 0,
        callsPerDay,
        customModels: policy.customModels,
      }).perMonth / unitTokens;
    byModel.set(key, unit);
  }
  return unit;
}
