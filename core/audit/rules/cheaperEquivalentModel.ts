// A cheaper model of the same tier (or a higher one) as the prompt's: it serves whatever the current model serves,
// so the finding states the saving and makes no claim about the task.
import { formatUsd } from '../../pricing';
import type { Rule } from '../types';
import { minimumSavingPercent } from './frontierForSimpleTask';
import { modelEdit, modelRangeOf } from './modelEdit';

export const cheaperEquivalentModel: Rule = {
  id: 'cheaper-equivalent-model',
  defaultSeverity: 'info',
  summary: 'A cheaper model of the same tier fits the call',
  waste: false,
  check(context) {
    const recommendation = context.recommendation;
    if (recommendation?.kind !== 'equivalent' || recommendation.savingPercent < minimumSavingPercent) return [];
    const edit = modelEdit(context, recommendation.model);
    const sameTier = context.modelInfo?.tier === recommendation.tier;
    const tier = `${sameTier ? 'the same' : 'the'} ${recommendation.tier} tier`;
    const calls = context.callsPerDay.toLocaleString('en-US');
    return [
      {
        message:
          `${recommendation.model}, of ${tier}, costs ${Math.round(recommendation.savingPercent)} % less than ` +
          `${context.model} (saves ${formatUsd(recommendation.savingPerMonth)}/month at ${calls} calls/day) ` +
          'and fits this call.',
        range: modelRangeOf(context) ?? context.prompt.range,
        costPerMonth: recommendation.savingPerMonth,
        fix: edit ? { description: `Switch to ${recommendation.model}`, edits: [edit] } : undefined,
      },
    ];
  },
};
