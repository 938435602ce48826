// The policy file lists the models each environment may use; a call site naming another model breaks that policy
// (cost, data-processing agreements, evaluation coverage). The fix switches to the policy's default model when that
// one is approved.
import { isModelApproved } from '../../policy';
import type { Rule } from '../types';
import { modelEdit, modelRangeOf } from './modelEdit';

export const unapprovedModel: Rule = {
  id: 'unapproved-model',
  defaultSeverity: 'error',
  summary: 'The prompt’s model is not approved by the policy for this environment',
  waste: false,
  check(context) {
    // Only a model the code or prompt file names: an assumed default is the policy's own choice.
    const named = context.prompt.callSite?.model ?? context.prompt.model;
    const environment = context.environment ?? 'default';
    if (!named || isModelApproved(context.policy, named, environment)) return [];
    const replacement = context.policy.defaultModel;
    const edit =
      replacement && isModelApproved(context.policy, replacement, environment)
        ? modelEdit(context, replacement)
        : undefined;
    return [
      {
        message: `${named} is not approved for the ${environment} environment by the policy file${replacement ? ` (default model: ${replacement})` : ''}.`,
        range: modelRangeOf(context) ?? context.prompt.range,
        fix: edit && replacement ? { description: `Switch to ${replacement}`, edits: [edit] } : undefined,
      },
    ];
  },
};
