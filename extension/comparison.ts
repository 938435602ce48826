// One prompt priced on every model of its provider's ladder: the hover's table and the model picker's items.
import { estimatePromptCost, findModel, ladder, type Nanos, type Policy, type PromptReport } from '../core';

export interface ComparisonRow {
  model: string;
  tier: string;
  perCall: Nanos;
  perMonth: Nanos;
  fits: boolean;
  current: boolean;
}

export function compareModels(report: PromptReport, policy: Policy): ComparisonRow[] {
  const current = findModel(report.model, policy.customModels);
  const models = current ? ladder(current.provider) : [];
  if (current && !models.some((m) => m.id === current.id)) models.push(current);
  return models.flatMap((info) => {
    try {
      const cost = estimatePromptCost({
        model: info.id,
        provider: info.provider,
        promptTokens: report.tokens.tokens,
        outputTokens: report.outputTokens,
        callsPerDay: report.callsPerDay,
        customModels: policy.customModels,
      });
      const fits = info.contextWindow === 0 || report.tokens.tokens + report.outputTokens <= info.contextWindow;
      return [{ model: info.id, tier: info.tier, perCall: cost.perCall, perMonth: cost.perMonth, fits, current: info.id === current?.id }];
    } catch {
      return [];
    }
  });
}
