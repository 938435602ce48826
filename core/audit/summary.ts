// Totals over many file audits, built incrementally so a run over thousands of files keeps only the totals.
import type { Nanos } from '../pricing';
import type { FileAudit, Severity } from './types';

export interface AuditSummary {
  files: number;
  prompts: number;
  /** Σ tokens per call over all prompts. */
  promptTokens: number;
  /** Σ cost per month at each prompt's configured volume: costPerMonthKnown + costPerMonthAssumed. */
  costPerMonth: Nanos;
  /** Of costPerMonth, prompts priced from the model they name at a volume the policy sets for them. */
  costPerMonthKnown: Nanos;
  /** Of costPerMonth, prompts resting on an assumption: an assumed model, or the policy's default volume. */
  costPerMonthAssumed: Nanos;
  /** Prompts priced with an assumed model (their own is unknown). */
  assumedModelPrompts: number;
  /** Prompts priced at the policy's default calls per day. */
  defaultVolumePrompts: number;
  /** Σ the recommended cheaper models' savings per month. */
  savingPerMonth: Nanos;
  findings: Record<Severity, number>;
  /** Findings per rule id. */
  byRule: Record<string, number>;
  /** Mean efficiency score over the prompts; undefined with no prompts. */
  averageScore?: number;
  notices: number;
}

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export class AuditTotals {
  private files = 0;
  private prompts = 0;
  private promptTokens = 0;
  private costPerMonth = 0;
  private costPerMonthAssumed = 0;
  private assumedModelPrompts = 0;
  private defaultVolumePrompts = 0;
  private savingPerMonth = 0;
  private scoreSum = 0;
  private notices = 0;
  private readonly findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private readonly byRule: Record<string, number> = {};

  add(audit: FileAudit): void {
    this.files++;
    this.notices += audit.notices.length;
    for (const report of audit.prompts) {
      this.prompts++;
      this.promptTokens += report.tokens.tokens;
      this.costPerMonth += report.cost?.perMonth ?? 0;
      const defaultVolume = report.volumeSource === 'policy-default';
      if (report.modelAssumed || defaultVolume) this.costPerMonthAssumed += report.cost?.perMonth ?? 0;
      if (report.modelAssumed) this.assumedModelPrompts++;
      if (defaultVolume) this.defaultVolumePrompts++;
      this.savingPerMonth += report.recommendation?.savingPerMonth ?? 0;
      this.scoreSum += report.score;
    }
    for (const finding of audit.findings) {
      this.findings[finding.severity]++;
      this.byRule[finding.ruleId] = (this.byRule[finding.ruleId] ?? 0) + 1;
    }
  }

  /** A notice that belongs to no audited file (a skipped file, a missing path). */
  addNotice(): void {
    this.notices++;
  }

  summary(): AuditSummary {
    return {
      files: this.files,
      prompts: this.prompts,
      promptTokens: this.promptTokens,
      costPerMonth: this.costPerMonth,
      costPerMonthKnown: this.costPerMonth - this.costPerMonthAssumed,
      costPerMonthAssumed: this.costPerMonthAssumed,
      assumedModelPrompts: this.assumedModelPrompts,
      defaultVolumePrompts: this.defaultVolumePrompts,
      savingPerMonth: this.savingPerMonth,
      findings: { ...this.findings },
      byRule: { ...this.byRule },
      averageScore: this.prompts > 0 ? Math.round(this.scoreSum / this.prompts) : undefined,
      notices: this.notices,
    };
  }
}

export function summarize(audits: Iterable<FileAudit>): AuditSummary {
  const totals = new AuditTotals();
  for (const audit of audits) totals.add(audit);
  return totals.summary();
}

/** How many findings are at `severity` or above: what a --fail-on gate counts. */
export function findingsAtOrAbove(summary: AuditSummary, severity: Severity): number {
  return (Object.keys(summary.findings) as Severity[])
    .filter((level) => severityRank[level] >= severityRank[severity])
    .reduce((sum, level) => sum + summary.findings[level], 0);
}
