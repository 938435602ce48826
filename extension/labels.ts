// How numbers read in lenses, hovers and the status bar.
import {
  costMismatch,
  formatUsd,
  modelLabel,
  observedLabel,
  type CostMismatch,
  type Nanos,
  type ObservedPrompt,
  type ObservedUsage,
  type PromptReport,
} from '../core';

/** 1234567 → "1,234,567" (toLocaleString is far slower, and lenses format hundreds of numbers per edit). */
export function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function tokensLabel(tokens: number, exact: boolean): string {
  return `${exact ? '' : '≈ '}${thousands(tokens)} tok`;
}

/** 1000 → "1k", 25000 → "25k", 1500 → "1.5k", 40 → "40". */
export function callsLabel(callsPerDay: number): string {
  if (callsPerDay >= 1_000_000) return `${trim(callsPerDay / 1_000_000)}M`;
  if (callsPerDay >= 1_000) return `${trim(callsPerDay / 1_000)}k`;
  return trim(callsPerDay);
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function usd(nanos: Nanos): string {
  return formatUsd(nanos);
}

/** `1,234 tok · $0.0031/call · $93/mo @ 1k/day · gpt-4o`; a prompt naming no model is priced with an assumed one,
 * which puts ≈ before its amounts and says so: `≈ $0.0031/call · ≈ $93/mo @ 1k/day · assumed gpt-4o-mini (model unknown)`. */
export function costLensTitle(report: PromptReport): string {
  const tokens = tokensLabel(report.tokens.tokens, report.tokens.exact);
  if (!report.cost) return `${tokens} · no price for ${modelLabel(report)}`;
  const mark = report.modelAssumed ? '≈ ' : '';
  return `${tokens} · ${mark}${usd(report.cost.perCall)}/call · ${mark}${usd(report.cost.perMonth)}/mo @ ${callsLabel(report.callsPerDay)}/day · ${modelLabel(report)}`;
}

/** One call's cost, with ≈ when the model is assumed. */
export function perCallLabel(report: PromptReport): string {
  return report.cost ? `${report.modelAssumed ? '≈ ' : ''}${usd(report.cost.perCall)}` : '–';
}

/** `gpt-4o-mini would save 94 % ($88/mo)` */
export function savingLensTitle(report: PromptReport): string | undefined {
  const recommendation = report.recommendation;
  if (!recommendation) return undefined;
  return `${recommendation.model} would save ${Math.round(recommendation.savingPercent)} % (${usd(recommendation.savingPerMonth)}/mo)`;
}

/** What the team server observed for a prompt, and whether it is more than 2× from the estimate per call. */
export interface ObservedView {
  label: string;
  mismatch: CostMismatch | undefined;
}

export function observedView(report: PromptReport, prompt: ObservedPrompt, usage: ObservedUsage): ObservedView {
  return { label: observedLabel(prompt, usage), mismatch: costMismatch(report.cost?.perCall, prompt) };
}

/** `observed: 18.2k calls/day, $1,930/month (last 7 days)`, with `⚠ 3.5× the estimate per call` when far apart. */
export function observedLensTitle(view: ObservedView): string {
  if (!view.mismatch) return view.label;
  const ratio = view.mismatch.ratio;
  const apart = ratio >= 1 ? (Number.isFinite(ratio) ? `${round(ratio)}×` : 'far above') : `1/${round(1 / ratio)} of`;
  return `${view.label} · ⚠ ${apart} the estimate per call`;
}

function round(ratio: number): string {
  return ratio >= 10 ? String(Math.round(ratio)) : String(Math.round(ratio * 10) / 10);
}
