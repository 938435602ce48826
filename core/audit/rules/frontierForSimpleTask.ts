// A large model on a task a smaller tier does as well (classification, extraction, formatting…): the tier
// recommendation is sure of the task, found no reasoning marker, and found a smaller model that fits the task, the
// context and the call's capabilities. A cheaper model of the same tier is cheaper-equivalent-model's finding.
import { formatUsd } from '../../pricing';
import type { Rule } from '../types';
import { modelEdit, modelRangeOf } from './modelEdit';

/** Savings below this share are noise against the estimate's own uncertainty. */
export const minimumSavingPercent = 30;

export const frontierForSimpleTask: Rule = {
  id: 'frontier-for-simple-task',
  defaultSeverity: 'warning',
  summary: 'A frontier or large model on a task a smaller tier handles',
  waste: false,
  check(context) {
    const recommendation = context.recommendation;
    if (recommendation?.kind !== 'smaller-tier' || recommendation.savingPercent < minimumSavingPercent) return [];
    const edit = modelEdit(context, recommendation.model);
    const calls = context.callsPerDay.toLocaleString('en-US');
    return [
      {
        message:
          `${recommendation.model} (${recommendation.tier} tier) would do this for ` +
          `${Math.round(recommendation.savingPercent)} % less than ${context.model} (saves ${formatUsd(recommendation.savingPerMonth)}/month at ${calls} calls/day); ` +
          `${recommendation.reasons[0]}.`,
        range: modelRangeOf(context) ?? context.prompt.range,
        costPerMonth: recommendation.savingPerMonth,
        fix: edit ? { description: `Switch to ${recommendation.model}`, edits: [edit] } : undefined,
      },
    ];
  },
};
