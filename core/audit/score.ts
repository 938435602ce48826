// The efficiency score of a prompt, 0–100:
//   100 − Σ severity penalty of each rule that found something (error 30, warning 12, info 4; a rule counts once,
//   at its worst severity, so fifty trailing spaces cost no more than one)
//       − 40 × (wasted tokens ÷ prompt tokens), where wasted tokens are those of findings from waste rules
//         (whitespace, duplicates, inefficient payloads), capped at the whole prompt;
//   clamped to 0…100 and rounded. Each deduction becomes one reason.
import type { Finding, Severity } from './types';

export const severityPenalty: Record<Severity, number> = { error: 30, warning: 12, info: 4 };
export const wastePenalty = 40;

const severityOrder: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function scorePrompt(
  findings: readonly Finding[],
  promptTokens: number,
  isWasteRule: (ruleId: string) => boolean,
): { score: number; reasons: string[] } {
  const worst = new Map<string, Severity>();
  let wasted = 0;
  for (const finding of findings) {
    const seen = worst.get(finding.ruleId);
    if (!seen || severityOrder[finding.severity] > severityOrder[seen]) worst.set(finding.ruleId, finding.severity);
    if (isWasteRule(finding.ruleId)) wasted += finding.tokens ?? 0;
  }
  const reasons: string[] = [];
  let score = 100;
  for (const [ruleId, severity] of worst) {
    score -= severityPenalty[severity];
    reasons.push(`−${severityPenalty[severity]} ${ruleId} (${severity})`);
  }
  const share = promptTokens > 0 ? Math.min(1, wasted / promptTokens) : 0;
  const wasteDeduction = Math.round(wastePenalty * share);
  if (wasteDeduction > 0) {
    score -= wasteDeduction;
    reasons.push(`−${wasteDeduction} ${Math.round(share * 100)} % of the prompt's tokens are wasted`);
  }
  return { score: Math.max(0, Math.min(100, Math.round(score))), reasons };
}
