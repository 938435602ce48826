// Recommends the cheapest allowed model that can do a prompt's task. A smaller tier is offered only when the
// classification is sure of a task that tier serves (tiers.ts) and finds no reasoning marker; otherwise only models
// of the same or a higher tier, which serve whatever the current one serves, and the advice says why. Every candidate
// must also fit the prompt and output in its context window, offer every capability the call uses, be approved by
// the policy for the environment, and not be deprecated.
import { findModel, ladder, ladderProviders, listModels, tierRank, type ModelInfo, type Tier } from '../models';
import { approvedModelsFor, isModelApproved, matchesModelGlob, type Policy } from '../policy';
import { estimatePromptCost, type Nanos } from '../pricing';
import { classifyTask, closeRunnerUpShare, type CallSiteFacts, type TaskClassification } from './classify';
import { taskClasses, taskClassNames, tierServes, type TaskClass } from './tiers';

export interface RecommendInput {
  promptText: string;
  promptTokens: number;
  /**
   * The prompt's tokens on another model, whose tokenizer may count it differently (Claude models from Opus 4.7 on);
   * `promptTokens` for every model when absent.
   */
  promptTokensOn?: (model: string) => number;
  /** Expected output tokens per call (the call site's max tokens or the policy's assumption). */
  outputTokens: number;
  model: string;
  callsPerDay: number;
  callSite?: CallSiteFacts;
  policy?: Policy;
  /** The policy environment whose approved models apply; 'production' when omitted. */
  environment?: string;
  /** Also consider other providers' models. Off by default: switching provider means switching SDK. */
  acrossProviders?: boolean;
}

export interface Recommendation {
  /**
   * 'smaller-tier': a smaller tier that serves the task the prompt asks for (a claim about the task, made only on
   * strong evidence); 'equivalent': a cheaper model of the same or a higher tier, which serves whatever the current
   * model serves (no claim about the task).
   */
  kind: 'smaller-tier' | 'equivalent';
  /** The task a smaller tier was chosen for; absent for an equivalent model. */
  taskClass?: TaskClass;
  /** The recommended model. */
  model: string;
  provider: string;
  tier: Tier;
  /** The model the prompt uses now. */
  from: string;
  /** Percent of the current monthly cost saved, one decimal. */
  savingPercent: number;
  savingPerMonth: Nanos;
  currentPerMonth: Nanos;
  recommendedPerMonth: Nanos;
  /** Why, one reason per entry: the task and its evidence (smaller tier), the tier, the context window, the call. */
  reasons: string[];
  /**
   * 0…1. A smaller tier: the classification's confidence. An equivalent model: 1, as it rests on the catalog's tiers
   * and the call's limits, not on reading the prompt.
   */
  confidence: number;
}

export interface TierAdvice {
  recommendation?: Recommendation;
  /**
   * Why no smaller tier is recommended although a smaller one exists: the features are not sure the task is simple
   * ("not sure: …"). Absent when a smaller tier is recommended or none exists.
   */
  notSure?: string;
}

const defaultEnvironment = 'production';
/** Below this score the classification is a guess: a phrase that names the task outright scores 3. */
const minimumEvidence = 3;
/** Below this confidence the winner is too close to its runner-up, or too thinly supported, to act on. */
const minimumConfidence = 0.5;

/**
 * The cheapest allowed model that fits the call: a smaller tier only when the features are sure the task is one it
 * serves, otherwise a cheaper model of the same or a higher tier. `notSure` says why a smaller tier was withheld.
 */
export function recommendModel(input: RecommendInput): TierAdvice {
  const customModels = input.policy?.customModels;
  const current = findModel(input.model, customModels);
  if (!current) return {};
  const currentPerMonth = monthlyCost(current, input);
  if (currentPerMonth === undefined || currentPerMonth === 0) return {};

  const classification = classifyTask(input.promptText, input.callSite);
  const doubt = downgradeDoubt(classification);
  const required = requiredTaskClasses(classification);
  const environment = input.environment ?? defaultEnvironment;
  const outputNeeded = Math.max(input.outputTokens, input.callSite?.maxTokens ?? 0);
  const currentRank = tierRank(current.tier);

  let best: { model: ModelInfo; perMonth: Nanos } | undefined;
  let smallerExists = false;
  const excluded: { model: ModelInfo; perMonth: Nanos; why: string }[] = [];
  for (const candidate of candidates(current, input, environment)) {
    if (candidate.id === current.id && candidate.provider === current.provider) continue;
    const smaller = tierRank(candidate.tier) < currentRank;
    smallerExists ||= smaller;
    if (smaller && doubt) continue;
    const perMonth = monthlyCost(candidate, input);
    if (perMonth === undefined || perMonth >= currentPerMonth) continue;
    // A tier at least the current one's serves whatever the current model serves: no task to check.
    const why = unfit(candidate, smaller ? required : [], input, outputNeeded, environment);
    if (why) excluded.push({ model: candidate, perMonth, why });
    else if (!best || perMonth < best.perMonth) best = { model: candidate, perMonth };
  }
  const notSure = doubt && smallerExists ? doubt : undefined;
  if (!best) return notSure ? { notSure } : {};
  const kind = tierRank(best.model.tier) < currentRank ? 'smaller-tier' : 'equivalent';
  // Cheaper models passed over for a limit, a capability or the policy (smaller tiers are implied by the task), so
  // the reasons show why the saving is not larger.
  const passedOver = excluded
    .filter((e) => e.perMonth < best.perMonth)
    .filter((e) => {
      const servesTask = required.every((c) => tierServes(e.model.tier, c, outputNeeded));
      return tierRank(e.model.tier) >= currentRank || servesTask;
    })
    .sort((a, b) => a.perMonth - b.perMonth)
    .slice(0, 3)
    .map((e) => `not ${e.model.id}: ${e.why}`);

  const saving = currentPerMonth - best.perMonth;
  const fits = callFit(best.model, input, outputNeeded, environment);
  const recommendation: Recommendation =
    kind === 'smaller-tier'
      ? {
          kind,
          taskClass: classification.taskClass,
          ...costs(best, current, currentPerMonth, saving),
          reasons: [...taskEvidence(best.model, classification, required), ...fits, ...passedOver],
          confidence: classification.confidence,
        }
      : {
          kind,
          ...costs(best, current, currentPerMonth, saving),
          reasons: [tierEquivalence(best.model, current), ...fits, ...passedOver],
          confidence: 1,
        };
  return notSure ? { recommendation, notSure } : { recommendation };
}

/** The move's models and monthly costs. */
function costs(best: { model: ModelInfo; perMonth: Nanos }, current: ModelInfo, currentPerMonth: Nanos, saving: Nanos) {
  return {
    model: best.model.id,
    provider: best.model.provider,
    tier: best.model.tier,
    from: current.id,
    savingPercent: Math.round((saving / currentPerMonth) * 1000) / 10,
    savingPerMonth: saving,
    currentPerMonth,
    recommendedPerMonth: best.perMonth,
  };
}

/**
 * Why the features are not sure enough of a simple task to move the prompt to a smaller tier, or undefined when
 * they are: a reasoning marker, a reasoning task, weak evidence or a close call each withhold the move.
 */
function downgradeDoubt(classification: TaskClassification): string | undefined {
  const { taskClass, confidence, scores, reasoningMarkers } = classification;
  if (reasoningMarkers.length) return `not sure: the prompt may need reasoning (${reasoningMarkers.join('; ')})`;
  if (confidence === 0) return 'not sure: no task features found';
  if (taskClass === 'reasoning') return 'not sure: the task reads as multi-step reasoning';
  if (scores[taskClass] < minimumEvidence) return `not sure: only weak hints of ${taskClassNames[taskClass]}`;
  if (confidence < minimumConfidence) {
    return `not sure: ${taskClassNames[taskClass]} is only a guess (confidence ${confidence.toFixed(2)})`;
  }
  return undefined;
}

/**
 * The classes a model must serve for this classification: the winner and any close runner-up, so that when the
 * features cannot tell two classes apart, the harder one decides; when not sure of a simple task, reasoning too.
 */
export function requiredTaskClasses(classification: TaskClassification): TaskClass[] {
  const top = classification.scores[classification.taskClass];
  const close = taskClasses.filter(
    (c) => c === classification.taskClass || classification.scores[c] >= top * closeRunnerUpShare,
  );
  return downgradeDoubt(classification) && !close.includes('reasoning') ? [...close, 'reasoning'] : close;
}

// The provider's ladder, models of that provider the policy approves by name or glob, and the policy's custom
// models; across providers, every ladder and every custom model.
function candidates(current: ModelInfo, input: RecommendInput, environment: string): ModelInfo[] {
  const customModels = input.policy?.customModels;
  const providers = input.acrossProviders ? ladderProviders() : [current.provider];
  const approved = input.policy
    ? (approvedModelsFor(input.policy, environment) ?? []).filter((glob) => glob !== '*')
    : [];
  const found = new Map<string, ModelInfo>();
  const add = (model: ModelInfo) => found.set(`${model.provider}/${model.id}`, model);
  for (const provider of providers) {
    ladder(provider).forEach(add);
    listModels({ provider })
      .filter((model) => approved.some((glob) => matchesModelGlob(glob, model.id)))
      .forEach(add);
  }
  listModels({ customModels })
    .filter((model) => model.custom && (input.acrossProviders || model.provider === current.provider))
    .forEach(add);
  return [...found.values()];
}

/** Why a model cannot take the call, or undefined when it can. */
function unfit(
  model: ModelInfo,
  required: readonly TaskClass[],
  input: RecommendInput,
  outputNeeded: number,
  environment: string,
): string | undefined {
  const call = input.callSite ?? {};
  const tokens = (n: number) => n.toLocaleString('en-US');
  if (model.deprecation) return `deprecated (${model.deprecation})`;
  const unserved = required.filter((taskClass) => !tierServes(model.tier, taskClass, outputNeeded));
  if (unserved.length)
    return `${model.tier} tier does not serve ${unserved.map((c) => taskClassNames[c]).join(' or ')}${outputNeeded > 1000 ? ` at ${tokens(outputNeeded)} output tokens` : ''}`;
  // An unknown context window (0) never fits: a recommendation must not break the call.
  if (model.contextWindow < tokensOn(model, input) + outputNeeded) {
    return model.contextWindow
      ? `context window ${tokens(model.contextWindow)} < ${tokens(tokensOn(model, input) + outputNeeded)} tokens`
      : 'context window unknown';
  }
  if (model.maxOutputTokens > 0 ? model.maxOutputTokens < outputNeeded : !model.custom) {
    return model.maxOutputTokens
      ? `writes at most ${tokens(model.maxOutputTokens)} output tokens`
      : 'output limit unknown';
  }
  if (call.usesTools && !model.capabilities.tools) return 'no tool use';
  if (call.jsonMode && !model.capabilities.jsonMode) return 'no JSON mode';
  if (call.hasImages && !model.capabilities.vision) return 'no image input';
  if (input.policy && !isModelApproved(input.policy, model.id, environment)) return `not approved for ${environment}`;
  return undefined;
}

/** The prompt's tokens on `model`. */
function tokensOn(model: ModelInfo, input: RecommendInput): number {
  return input.promptTokensOn?.(model.id) ?? input.promptTokens;
}

function monthlyCost(model: ModelInfo, input: RecommendInput): Nanos | undefined {
  try {
    return estimatePromptCost({
      model: model.id,
      provider: model.custom ? undefined : model.provider,
      promptTokens: tokensOn(model, input),
      outputTokens: input.outputTokens,
      callsPerDay: input.callsPerDay,
      customModels: input.policy?.customModels,
    }).perMonth;
  } catch {
    // A model the price data cannot price is no candidate (and a current model without a price has no saving).
    return undefined;
  }
}

function taskEvidence(model: ModelInfo, classification: TaskClassification, required: readonly TaskClass[]): string[] {
  const also = required.filter((c) => c !== classification.taskClass);
  return [
    `task: ${taskClassNames[classification.taskClass]} (confidence ${classification.confidence.toFixed(2)})` +
      (also.length ? `; also served, being close: ${also.map((c) => taskClassNames[c]).join(', ')}` : ''),
    // The strongest few features; the full list is classifyTask's.
    ...classification.reasons.slice(0, 3),
    'no reasoning markers (sources to reconcile, figures to derive, rules or articles to apply)',
    `${model.tier} tier serves ${required.map((c) => taskClassNames[c]).join(' and ')}`,
  ];
}

function tierEquivalence(model: ModelInfo, current: ModelInfo): string {
  return model.tier === current.tier
    ? `same tier as ${current.id} (${model.tier}): serves whatever it serves; no claim about the task`
    : `${model.tier} tier, above ${current.id}'s ${current.tier}: serves whatever it serves; no claim about the task`;
}

function callFit(model: ModelInfo, input: RecommendInput, outputNeeded: number, environment: string): string[] {
  const call = input.callSite ?? {};
  const used = [call.usesTools && 'tools', call.jsonMode && 'JSON mode', call.hasImages && 'vision'].filter(Boolean);
  const tokens = (n: number) => n.toLocaleString('en-US');
  return [
    `context window ${tokens(model.contextWindow)} fits ${tokens(tokensOn(model, input))} prompt + ` +
      `${tokens(outputNeeded)} output tokens`,
    ...(used.length ? [`supports ${used.join(', ')}`] : []),
    ...(input.policy?.approvedModels ? [`approved for ${environment}`] : []),
  ];
}
