// A large model on a task a small one does as well (classification, extraction, formatting…): the tier
// recommendation found a cheaper model that fits the task, the context and the call's capabilities.
import { formatUsd } from '../../pricing';
import type { Rule } from '../types';
import { modelEdit, modelRangeOf } from './modelEdit';

/** Savings below this share are noise against the estimate's own uncertainty. */
const minimumSavingPercent = 30;

export const frontierForSimpleTask: Rule = {
  id: 'frontier-for-simple-task',
  defaultSeverity: 'warning',
  summary: 'A frontier or large model on a task a cheaper tier handles',
  waste: false,
  check(context) {
    const recommendation = context.recommendation;
    if (!recommendation || recommendation.savingPercent < minimumSavingPercent) return [];
    const edit = modelEdit(context, recommendation.model);
    return [{
      message:
        `${recommendation.model} would do this for ${Math.round(recommendation.savingPercent)} % less than ${context.model} ` +
        `(saves ${formatUsd(recommendation.savingPerMonth)}/month at ${context.callsPerDay.toLocaleString('en-US')} calls/day); ${recommendation.reasons[0] ?? 'the task fits a smaller tier'}.`,
      range: modelRangeOf(context) ?? context.prompt.range,
      costPerMonth: recommendation.savingPerMonth,
      fix: edit ? { description: `Switch to ${recommendation.model}`, edits: [edit] } : undefined,
    }];
  },
};
