// The words every face uses for what an estimate assumes, so the editor, the CLI, JSON readers and SARIF alerts
// label an assumed model or volume alike.
import type { ModelSource, OutputSource, PromptEstimate } from './estimate';

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

/** Where a prompt's model comes from, in words. */
export const modelSourceLabels: Record<ModelSource, string> = {
  code: 'named in the code',
  'code-fallback': "the code's default for an environment variable or option (a deployment may set another)",
  file: "named in the file's front matter",
  request: 'named in the request',
  option: 'chosen for this count',
  setting: 'the model picked for prompts of this file that name none',
  'policy-default': "the policy's defaultModel (or the editor's tokenwise.defaultModel setting)",
  'built-in': "tokenwise's default model",
};

/** Where a prompt's expected output comes from, in words. */
export const outputSourceLabels: Record<OutputSource, string> = {
  call: "the call's max tokens",
  file: "the file's max tokens",
  request: "the request's max tokens",
  option: '--output-tokens',
  policy: "the policy's outputTokens",
  'policy-default': "the policy's defaultOutputTokens",
};
