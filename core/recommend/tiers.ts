// Which model tiers can serve which kinds of task. A data table, so the rule is read (and argued with) in one place.
import type { Tier } from '../models';

export const taskClasses = [
  'classification',
  'extraction',
  'formatting',
  'summarisation',
  'translation',
  'rewriting',
  'code-generation',
  'reasoning',
  'planning',
  'agentic',
] as const;
export type TaskClass = (typeof taskClasses)[number];

/** `true`: the tier serves the class; `false`: it does not; a number: it does up to that many output tokens. */
type Fit = boolean | { maxOutputTokens: number };

export const tierFit: Record<TaskClass, Record<Tier, Fit>> = {
  classification: { small: true, medium: true, large: true, frontier: true },
  extraction: { small: true, medium: true, large: true, frontier: true },
  formatting: { small: true, medium: true, large: true, frontier: true },
  summarisation: { small: true, medium: true, large: true, frontier: true },
  translation: { small: true, medium: true, large: true, frontier: true },
  // Short rewrites keep their quality on small models; long ones drift in tone and facts.
  rewriting: { small: { maxOutputTokens: 1000 }, medium: true, large: true, frontier: true },
  'code-generation': { small: false, medium: true, large: true, frontier: true },
  reasoning: { small: false, medium: false, large: true, frontier: true },
  // A plain schedule (a rota, a study plan) is within a medium model; plans around dependencies, capacity or
  // constraints carry reasoning markers (classify.ts), and those keep any prompt off a smaller tier.
  planning: { small: false, medium: true, large: true, frontier: true },
  agentic: { small: false, medium: false, large: true, frontier: true },
};

export const taskClassNames: Record<TaskClass, string> = {
  classification: 'classification',
  extraction: 'extraction',
  formatting: 'formatting',
  summarisation: 'summarisation',
  translation: 'translation',
  rewriting: 'rewriting',
  'code-generation': 'code generation',
  reasoning: 'multi-step reasoning',
  planning: 'planning',
  agentic: 'agentic tool use',
};

/** Whether a model of `tier` serves `taskClass` at this output length. */
export function tierServes(tier: Tier, taskClass: TaskClass, outputTokens: number): boolean {
  const fit = tierFit[taskClass][tier];
  return typeof fit === 'boolean' ? fit : outputTokens <= fit.maxOutputTokens;
}
