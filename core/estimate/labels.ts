// The words every face uses for what an estimate assumes, so the editor, the CLI, JSON readers and SARIF alerts
// label an assumed model or volume alike.
import type { PromptEstimate } from './estimate';

/** A model the prompt does not name: `assumed gpt-4o-mini (model unknown)`. */
export function assumedModelLabel(model: string): string {
  return `assumed ${model} (model unknown)`;
}

/** The prompt's model as shown: the id, or the assumed-model label. */
export function modelLabel(estimate: Pick<PromptEstimate, 'model' | 'modelAssumed'>): string {
  return estimate.modelAssumed ? assumedModelLabel(estimate.model) : estimate.model;
}

/** '≈ ' before an amount resting on an assumed model or the policy's default volume, else ''. */
export function assumedCostMark(estimate: Pick<PromptEstimate, 'modelAssumed' | 'volumeSource'>): string {
  return estimate.modelAssumed || estimate.volumeSource === 'policy-default' ? '≈ ' : '';
}

/** `at 20,000 calls/day` or `at 500 calls/day (policy default)`. */
export function volumeLabel(estimate: Pick<PromptEstimate, 'callsPerDay' | 'volumeSource'>): string {
  return `${estimate.callsPerDay.toLocaleString('en-US')} calls/day${estimate.volumeSource === 'policy-default' ? ' (policy default)' : ''}`;
}
