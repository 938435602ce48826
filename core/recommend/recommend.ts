// Recommends the cheapest allowed model that can do a prompt's task: the task class decides the tiers that serve
// it (tiers.ts), and a candidate must also fit the prompt and output in its context window, offer every capability
// the call uses, be approved by the policy for the environment, and not be deprecated.
import { findModel, ladder, ladderProviders, listModels, type ModelInfo, type Tier } from '../models';
import { approvedModelsFor, isModelApproved, matchesModelGlob, type Policy } from '../policy';
import { estimatePromptCost, type Nanos } from '../pricing';
import { classifyTask, closeRunnerUpShare, type CallSiteFacts, type TaskClassification } from './classify';
import { taskClasses, taskClassNames, tierServes, type TaskClass } from './tiers';

export interface RecommendInput {
  promptText: string;
  promptTokens: number;
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
  taskClass: TaskClass;
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
  reasons: string[];
  /** The classification's confidence, 0…1. */
  confidence: number;
}

const defaultEnvironment = 'production';
/** Below this score the classification is a guess, and the demanding case is assumed as well. */
const minimumEvidence = 2;

/** The cheapest allowed model that fits the task and the call, or undefined when nothing cheaper fits. */
export function recommendModel(input: RecommendInput): Recommendation | undefined {
  const customModels = input.policy?.customModels;
  const current = findModel(input.model, customModels);
  if (!current) return undefined;
  const currentPerMonth = monthlyCost(current, input);
  if (currentPerMonth === undefined || currentPerMonth === 0) return undefined;

  const classification = classifyTask(input.promptText, input.callSite);
  const required = requiredTaskClasses(classification);
  const environment = input.environment ?? defaultEnvironment;
  const outputNeeded = Math.max(input.outputTokens, input.callSite?.maxTokens ?? 0);

  let best: { model: ModelInfo; perMonth: Nanos } | undefined;
  const excluded: { model: ModelInfo; perMonth: Nanos; why: string }[] = [];
  for (const candidate of candidates(current, input, environment)) {
    if (candidate.id === current.id && candidate.provider === current.provider) continue;
    const perMonth = monthlyCost(candidate, input);
    if (perMonth === undefined || perMonth >= currentPerMonth) continue;
    const why = unfit(candidate, required, input, outputNeeded, environment);
    if (why) excluded.push({ model: candidate, perMonth, why });
    else if (!best || perMonth < best.perMonth) best = { model: candidate, perMonth };
  }
  if (!best) return undefined;
  // Cheaper models passed over for a limit, a capability or the policy (smaller tiers are implied by the task), so
  // the reasons show why the saving is not larger.
  const passedOver = excluded
    .filter((e) => e.perMonth < best.perMonth && required.every((c) => tierServes(e.model.tier, c, outputNeeded)))
    .sort((a, b) => a.perMonth - b.perMonth)
    .slice(0, 3)
    .map((e) => `not ${e.model.id}: ${e.why}`);

  const saving = currentPerMonth - best.perMonth;
  return {
    taskClass: classification.taskClass,
    model: best.model.id,
    provider: best.model.provider,
    tier: best.model.tier,
    from: current.id,
    savingPercent: Math.round((saving / currentPerMonth) * 1000) / 10,
    savingPerMonth: saving,
    currentPerMonth,
    recommendedPerMonth: best.perMonth,
    reasons: [...explain(best.model, classification.taskClass, required, classification.reasons, input, outputNeeded, environment), ...passedOver],
    confidence: classification.confidence,
  };
}

/**
 * The classes a model must serve for this classification: the winner and any close runner-up, so that when the
 * features cannot tell two classes apart, the harder one decides; with too little evidence, reasoning too.
 */
export function requiredTaskClasses(classification: TaskClassification): TaskClass[] {
  const top = classification.scores[classification.taskClass];
  const close = taskClasses.filter((c) => c === classification.taskClass || classification.scores[c] >= top * closeRunnerUpShare);
  // Weak evidence (a stray keyword or two) never justifies a smaller model.
  return top < minimumEvidence && !close.includes('reasoning') ? [...close, 'reasoning'] : close;
}

// The provider's ladder, models of that provider the policy approves by name or glob, and the policy's custom
// models; across providers, every ladder and every custom model.
function candidates(current: ModelInfo, input: RecommendInput, environment: string): ModelInfo[] {
  const customModels = input.policy?.customModels;
  const providers = input.acrossProviders ? ladderProviders() : [current.provider];
  const approved = input.policy ? (approvedModelsFor(input.policy, environment) ?? []).filter((glob) => glob !== '*') : [];
  const found = new Map<string, ModelInfo>();
  const add = (model: ModelInfo) => found.set(`${model.provider}/${model.id}`, model);
  for (const provider of providers) {
    ladder(provider).forEach(add);
    listModels({ provider }).filter((model) => approved.some((glob) => matchesModelGlob(glob, model.id))).forEach(add);
  }
  listModels({ customModels })
    .filter((model) => model.custom && (input.acrossProviders || model.provider === current.provider))
    .forEach(add);
  return [...found.values()];
}

/** Why a model cannot take the call, or undefined when it can. */
function unfit(model: ModelInfo, required: readonly TaskClass[], input: RecommendInput, outputNeeded: number, environment: string): string | undefined {
  const call = input.callSite ?? {};
  const tokens = (n: number) => n.toLocaleString('en-US');
  if (model.deprecation) return `deprecated (${model.deprecation})`;
  const unserved = required.filter((taskClass) => !tierServes(model.tier, taskClass, outputNeeded));
  if (unserved.length) return `${model.tier} tier does not serve ${unserved.map((c) => taskClassNames[c]).join(' or ')}${outputNeeded > 1000 ? ` at ${tokens(outputNeeded)} output tokens` : ''}`;
  // An unknown context window (0) never fits: a recommendation must not break the call.
  if (model.contextWindow < input.promptTokens + outputNeeded) {
    return model.contextWindow ? `context window ${tokens(model.contextWindow)} < ${tokens(input.promptTokens + outputNeeded)} tokens` : 'context window unknown';
  }
  if (model.maxOutputTokens > 0 ? model.maxOutputTokens < outputNeeded : !model.custom) {
    return model.maxOutputTokens ? `writes at most ${tokens(model.maxOutputTokens)} output tokens` : 'output limit unknown';
  }
  if (call.usesTools && !model.capabilities.tools) return 'no tool use';
  if (call.jsonMode && !model.capabilities.jsonMode) return 'no JSON mode';
  if (call.hasImages && !model.capabilities.vision) return 'no image input';
  if (input.policy && !isModelApproved(input.policy, model.id, environment)) return `not approved for ${environment}`;
  return undefined;
}

function monthlyCost(model: ModelInfo, input: RecommendInput): Nanos | undefined {
  try {
    return estimatePromptCost({
      model: model.id,
      provider: model.custom ? undefined : model.provider,
      promptTokens: input.promptTokens,
      outputTokens: input.outputTokens,
      callsPerDay: input.callsPerDay,
      customModels: input.policy?.customModels,
    }).perMonth;
  } catch {
    // A model the price data cannot price is no candidate (and a current model without a price has no saving).
    return undefined;
  }
}

function explain(
  model: ModelInfo,
  taskClass: TaskClass,
  required: readonly TaskClass[],
  taskReasons: string[],
  input: RecommendInput,
  outputNeeded: number,
  environment: string,
): string[] {
  const call = input.callSite ?? {};
  const used = [call.usesTools && 'tools', call.jsonMode && 'JSON mode', call.hasImages && 'vision'].filter(Boolean);
  const also = required.filter((c) => c !== taskClass);
  const tokens = (n: number) => n.toLocaleString('en-US');
  return [
    `task: ${taskClassNames[taskClass]}${also.length ? ` (also served, being close or uncertain: ${also.map((c) => taskClassNames[c]).join(', ')})` : ''}`,
    // The strongest few features; the full list is classifyTask's.
    ...taskReasons.slice(0, 3),
    `${model.tier} tier serves ${required.map((c) => taskClassNames[c]).join(' and ')}`,
    `context window ${tokens(model.contextWindow)} fits ${tokens(input.promptTokens)} prompt + ${tokens(outputNeeded)} output tokens`,
    ...(used.length ? [`supports ${used.join(', ')}`] : []),
    ...(input.policy?.approvedModels ? [`approved for ${environment}`] : []),
  ];
}
